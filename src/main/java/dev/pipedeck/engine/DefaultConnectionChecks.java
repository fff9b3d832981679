package dev.pipedeck.engine;

import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.catalog.ConnectionUrl;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SourceConfig;
import dev.pipedeck.source.pg.SourceProblem;

import java.util.ArrayList;
import java.util.List;

/** The real checks behind {@code pipe create} and the console's "Test connection" buttons. */
public final class DefaultConnectionChecks implements ConnectionChecks {
    private final Connectors connectors;

    public DefaultConnectionChecks() {
        this(DefaultConnectors.create());
    }

    public DefaultConnectionChecks(Connectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public List<String> checkSource(String sourceJdbcUrl, List<TableRef> tables) {
        return source(sourceJdbcUrl).validate(tables).stream().map(SourceProblem::toString).toList();
    }

    @Override
    public List<PostgresSource.TableInfo> listTables(String sourceJdbcUrl) {
        return source(sourceJdbcUrl).listTables();
    }

    @Override
    public String checkDestination(String destinationUrl) {
        try (Destination d = connectors.destination(destinationUrl)) {
            return d.check();
        }
    }

    @Override
    public List<String> checkTables(String sourceJdbcUrl, List<TableRef> tables, String destinationUrl) {
        PostgresSource source = source(sourceJdbcUrl);
        List<String> out = new ArrayList<>();
        try (Destination d = connectors.destination(destinationUrl)) {
            for (TableRef t : tables) {
                TableSchema schema;
                try {
                    schema = source.readSchema(t);
                } catch (PipeDeckException e) {
                    continue; // a missing or unreadable table is the source check's to report
                }
                out.addAll(d.refusals(schema));
            }
        }
        return out;
    }

    @Override
    public List<String> checkDestinationTables(String sourceJdbcUrl, List<TableMapping> tables, String destinationUrl) {
        PostgresSource source = source(sourceJdbcUrl);
        List<String> out = new ArrayList<>();
        try (Destination d = connectors.destination(destinationUrl)) {
            for (TableMapping t : tables) {
                TableSchema schema;
                try {
                    schema = source.readSchema(t.source());
                } catch (PipeDeckException e) {
                    continue; // a missing or unreadable table is the source check's to report
                }
                out.addAll(d.conflicts(new Destination.TableTarget(schema, t.destination())));
            }
        }
        return out;
    }

    private PostgresSource source(String jdbcUrl) {
        ConnectionUrl url = ConnectionUrl.splitJdbc(jdbcUrl);
        return connectors.source(new SourceConfig(url.url(), url.user(), url.password()));
    }
}
