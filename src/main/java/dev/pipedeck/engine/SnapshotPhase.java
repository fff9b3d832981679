package dev.pipedeck.engine;

import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SnapshotListener;
import dev.pipedeck.source.pg.SnapshotRange;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The initial copy: ranges read in parallel by the source, each chunk written to the destination and recorded,
 * each finished range marked done in the catalog — so a pause (or a crash) continues from the ranges left.
 */
final class SnapshotPhase {
    private final PipeContext ctx;

    SnapshotPhase(PipeContext ctx) {
        this.ctx = ctx;
    }

    /** Copies the pending ranges; returns true when the whole snapshot is done, false when stopped early. */
    boolean copy(PostgresSource source, Destination destination, List<SnapshotRange> pending, String snapshotName,
                 int parallelism) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        SnapshotListener listener = new SnapshotListener() {
            @Override
            public void onRows(SnapshotRange range, List<RowChange> rows) {
                if (failure.get() != null) {
                    return;
                }
                try {
                    ChangeBatch batch = new ChangeBatch(SyncBatch.Kind.SNAPSHOT);
                    rows.forEach(batch::add);
                    // one writer at a time: destinations are not thread-safe
                    synchronized (destination) {
                        destination.apply(rows);
                    }
                    ctx.metrics.recordBatch(batch.toRecord(ctx.pipeId), null);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }

            @Override
            public void onRangeDone(SnapshotRange range, long rows) {
                if (failure.get() == null) {
                    ctx.ranges.markDone(ctx.pipeId, range, rows);
                }
            }
        };
        Set<SnapshotRange> done = new HashSet<>(source.copy(pending, snapshotName, parallelism, listener,
                () -> failure.get() != null || ctx.shouldStop()));
        if (failure.get() != null) {
            throw failure.get();
        }
        ctx.throwIfFailed();
        if (done.containsAll(pending) && ctx.ranges.pending(ctx.pipeId).isEmpty()) {
            ctx.pipes.markSnapshotDone(ctx.pipeId);
            return true;
        }
        if (!ctx.shouldStop()) {
            throw PipeDeckException.transientFailure("the initial copy stopped before all ranges were copied", null);
        }
        return false;
    }
}
