package dev.pipedeck.engine;

import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SourceConfig;

/** The real Postgres source and destinations. */
public final class DefaultConnectors implements Connectors {
    public static Connectors create() {
        return new DefaultConnectors();
    }

    @Override
    public PostgresSource source(SourceConfig config) {
        throw new UnsupportedOperationException("the Postgres source is not wired yet");
    }

    @Override
    public Destination destination(String url) {
        throw new UnsupportedOperationException("destinations are not wired yet");
    }
}
