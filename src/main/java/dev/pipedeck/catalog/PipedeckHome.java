package dev.pipedeck.catalog;

import java.nio.file.Path;

/** Where PipeDeck keeps its files: {@code $PIPEDECK_HOME}, system property {@code pipedeck.home}, or {@code ~/.pipedeck}. */
public final class PipedeckHome {
    private PipedeckHome() {}

    public static Path dir() {
        String prop = System.getProperty("pipedeck.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("PIPEDECK_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".pipedeck");
    }
}
