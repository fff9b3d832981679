package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;

/** Drops a pipe's slot and publication on its source, for a delete that no live worker will carry out. */
public interface SourceCleanup {
    SourceCleanup NONE = pipe -> { };

    void dropSlotAndPublication(Pipe pipe);
}
