package dev.pipedeck.console.start;

/**
 * What the start screen asks of the application. Every method runs off the FX thread (it connects, migrates, starts
 * Postgres); the {@link Runnable}s it returns run on the FX thread and put the opened catalog on screen.
 */
public interface CatalogOpener {
    /** Connects once and says what is there, e.g. "PostgreSQL 17.6 with a PipeDeck catalog of 2 pipes." */
    String test(String jdbcUrl);

    /** Opens the catalog (creating or migrating its schema); {@code name} is what the title bar shows. */
    Runnable open(String jdbcUrl, String name);

    /** Starts the embedded demo (Postgres, shop database, workload, DuckDB, pipe shop-demo) and opens its catalog. */
    Runnable openDemo();
}
