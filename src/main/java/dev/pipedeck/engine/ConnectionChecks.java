package dev.pipedeck.engine;

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

    /** Connects to the destination; returns a description such as "ClickHouse 18.16.1", or throws PipeDeckException. */
    String checkDestination(String destinationUrl);
}
