package dev.pipedeck.engine;

import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.source.pg.PostgresSource;

import java.util.List;

/**
 * What the "New pipe" dialog and {@code pipe create} ask of a source and a destination before a pipe exists.
 * URLs may carry passwords; answers never do.
 */
public interface ConnectionChecks {
    /** Problems with the source for these tables (each with its fix); empty when ready. */
    List<String> checkSource(String sourceJdbcUrl, List<TableRef> tables);

    /** Tables the source offers, with primary-key information. */
    List<PostgresSource.TableInfo> listTables(String sourceJdbcUrl);

    /**
     * Sentences naming each column of these source tables that the destination cannot hold (e.g. a multi-dimensional
     * array into ClickHouse); empty when all fit. Tables the source cannot read are left to {@link #checkSource}.
     */
    default List<String> checkTables(String sourceJdbcUrl, List<TableRef> tables, String destinationUrl) {
        return List.of();
    }

    /**
     * Sentences naming each destination table that exists already in a shape the pipe cannot write (PipeDeck never drops
     * one); empty when none. Tables the source cannot read are left to {@link #checkSource}.
     */
    default List<String> checkDestinationTables(String sourceJdbcUrl, List<TableMapping> tables, String destinationUrl) {
        return List.of();
    }

    /** Connects to the destination; returns a description such as "ClickHouse 18.16.1", or throws PipeDeckException. */
    String checkDestination(String destinationUrl);
}
