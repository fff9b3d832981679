package dev.pipedeck.engine;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.SecretBox;

/**
 * Runs the pipes of a catalog: claims each pipe (one owner at a time), reconciles its status toward its desired
 * state, samples slots. Runs headless ({@code pipedeck worker}) or inside the console (local mode).
 * (API fixed now; implementation lands with the engine issue.)
 */
public final class Worker implements AutoCloseable {
    private final Catalog catalog;
    private final SecretBox secrets;
    private final String id;

    public Worker(Catalog catalog, SecretBox secrets, String id) {
        this.catalog = catalog;
        this.secrets = secrets;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Starts the worker's threads and returns. */
    public void start() {
        throw new UnsupportedOperationException("the engine is not available yet");
    }

    /** Stops every pipe this worker runs (at a transaction boundary) and releases them. */
    @Override
    public void close() {
    }
}
