package dev.pipedeck.engine;

import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SourceConfig;

/** How the engine reaches sources and destinations (the real ones in production; the same in tests). */
public interface Connectors {
    PostgresSource source(SourceConfig config);

    /** Opens a destination from its full URL (password included). */
    Destination destination(String url);
}
