package dev.pipedeck.engine;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeRepository;

import java.time.Duration;

/**
 * A pipe's desired state as the runner sees it: re-read from the catalog when a notification woke the runner, and
 * otherwise at most every poll interval (so a lost notification costs one poll period).
 */
final class DesiredWatch {
    private final PipeRepository pipes;
    private final long pipeId;
    private final long pollNanos;
    private volatile boolean dirty = true;
    private volatile DesiredState desired = DesiredState.RUNNING;
    private long readAt;

    DesiredWatch(PipeRepository pipes, long pipeId, Duration poll) {
        this.pipes = pipes;
        this.pipeId = pipeId;
        this.pollNanos = poll.toNanos();
    }

    void markDirty() {
        dirty = true;
    }

    synchronized DesiredState current() {
        long now = System.nanoTime();
        if (dirty || now - readAt >= pollNanos) {
            dirty = false;
            readAt = now;
            Pipe p = pipes.find(pipeId).orElse(null);
            desired = p == null ? DesiredState.DELETED : p.desiredState();
        }
        return desired;
    }
}
