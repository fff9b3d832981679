package dev.pipedeck.engine;

import dev.pipedeck.sink.Destination;
import dev.pipedeck.sink.Destinations;
import dev.pipedeck.source.pg.PgSource;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SourceConfig;

/** The real Postgres source and destinations. */
public final class DefaultConnectors implements Connectors {
    public static Connectors create() {
        return new DefaultConnectors();
    }

    @Override
    public PostgresSource source(SourceConfig config) {
        return new PgSource(config);
    }

    @Override
    public Destination destination(String url) {
        return Destinations.open(url);
    }
}
