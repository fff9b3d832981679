package dev.pipedeck.engine;

import java.util.concurrent.atomic.AtomicLong;

/** Failures of one pipe seen by this worker since it claimed the pipe: permanent ones and retried ones. */
public final class RunCounters {
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    void error() {
        errors.incrementAndGet();
    }

    void retry() {
        retries.incrementAndGet();
    }

    /** Permanent failures (the pipe went to FAILED). */
    public long errors() {
        return errors.get();
    }

    /** Transient failures retried with back-off. */
    public long retries() {
        return retries.get();
    }
}
