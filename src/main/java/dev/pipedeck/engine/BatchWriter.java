package dev.pipedeck.engine;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.source.pg.ReplicationStream;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes one batch at a time on a thread of its own, so the stream is read while the previous batch goes to the
 * destination (otherwise the walsender stalls for every insert). At most one batch is in flight; its position is
 * confirmed on the stream's thread (the replication connection is not thread-safe), and only after the write task —
 * destination, then catalog — has finished.
 */
final class BatchWriter implements AutoCloseable {
    private final ExecutorService executor;
    private Future<?> inFlight;
    private Long inFlightConfirm;

    BatchWriter(String pipeName) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pipe-" + pipeName + "-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts writing a batch once the previous one is done (and confirmed). */
    void submit(Runnable write, Long confirmLsn, ReplicationStream stream) {
        await(stream);
        inFlight = executor.submit(write);
        inFlightConfirm = confirmLsn;
    }

    /** True when no batch is being written. */
    boolean idle() {
        return inFlight == null;
    }

    /** Confirms the batch in flight if it is done; rethrows its failure. Does not block. */
    void poll(ReplicationStream stream) {
        if (inFlight != null && inFlight.isDone()) {
            await(stream);
        }
    }

    /** Waits for the batch in flight, then confirms its position; rethrows its failure. */
    void await(ReplicationStream stream) {
        if (inFlight == null) {
            return;
        }
        Future<?> f = inFlight;
        Long confirm = inFlightConfirm;
        inFlight = null;
        inFlightConfirm = null;
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw PipeDeckException.transientFailure("writing a batch to the destination failed ("
                    + e.getCause().getMessage() + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PipeDeckException.transientFailure("interrupted while writing a batch", e);
        }
        if (confirm != null) {
            stream.confirm(new Lsn(confirm));
        }
    }

    /** Lets a write in flight finish (the destination is closed after this), unconfirmed. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
