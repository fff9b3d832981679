package dev.pipedeck.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a streaming pipe's destination is behind its source, in time: the age of the oldest transaction read from
 * the stream but not yet in the destination. When nothing is pending and the stream has just had nothing more to give,
 * the lag is zero; while a backlog is being read (transactions not read yet, so their commit times unknown), the age of
 * the newest applied commit bounds it from above. Commit times are the source server's clock.
 */
final class LagTracker {
    /** The stream counts as caught up this long after it last had nothing to give. */
    private static final Duration CAUGHT_UP = Duration.ofSeconds(3);

    private volatile Instant oldestRead;
    private volatile Instant oldestInFlight;
    private volatile Instant newestApplied;
    private volatile long idleAtNanos;
    private volatile boolean idleSeen;
    private volatile boolean streaming;

    void streaming(boolean on) {
        streaming = on;
        if (!on) {
            oldestRead = null;
            oldestInFlight = null;
            idleSeen = false;
        }
    }

    boolean isStreaming() {
        return streaming;
    }

    /** A transaction was read completely (it is in the batch being filled). */
    void read(Instant commitTime) {
        if (oldestRead == null && commitTime != null) {
            oldestRead = commitTime;
        }
    }

    /** The batch being filled goes to the writer. Returns its oldest commit, to hand to {@link #applied}. */
    Instant submitted() {
        Instant o = oldestRead;
        oldestRead = null;
        if (o != null) {
            oldestInFlight = o;
        }
        return o;
    }

    /** The destination and the catalog have the batch whose newest commit is {@code newestCommit}. */
    void applied(Instant newestCommit) {
        oldestInFlight = null;
        if (newestCommit != null) {
            newestApplied = newestCommit;
        }
    }

    /** The stream had nothing to give and nothing is pending. */
    void idle() {
        idleAtNanos = System.nanoTime();
        idleSeen = true;
    }

    /** Seconds behind, or null when not streaming or not known yet. */
    Double lagSeconds(Instant now) {
        if (!streaming) {
            return null;
        }
        Instant inFlight = oldestInFlight;
        Instant read = oldestRead;
        Instant oldest = inFlight != null ? inFlight : read;
        if (oldest != null) {
            return age(oldest, now);
        }
        if (idleSeen && System.nanoTime() - idleAtNanos < CAUGHT_UP.toNanos()) {
            return 0.0;
        }
        Instant applied = newestApplied;
        return applied == null ? null : age(applied, now);
    }

    private static double age(Instant t, Instant now) {
        return Math.max(0, Duration.between(t, now).toMillis() / 1000.0);
    }
}
