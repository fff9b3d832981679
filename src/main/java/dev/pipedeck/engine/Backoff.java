package dev.pipedeck.engine;

import java.time.Duration;

/** Exponential back-off for transient failures: 1 s, 2 s, 4 s ... capped. */
final class Backoff {
    private final Duration cap;
    private int attempt;

    Backoff(Duration cap) {
        this.cap = cap;
    }

    /** Counts a failure and returns how long to wait before the next attempt. */
    Duration next() {
        attempt++;
        long ms = 1000L << Math.min(attempt - 1, 16);
        return Duration.ofMillis(Math.min(ms, cap.toMillis()));
    }

    int attempt() {
        return attempt;
    }

    void reset() {
        attempt = 0;
    }
}
