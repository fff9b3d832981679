package dev.pipedeck.engine;

import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SnapshotListener;
import dev.pipedeck.change.SnapshotRange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The initial copy: ranges read in parallel by the source, each chunk written to the destination and recorded,
 * each finished range marked done in the catalog — so a pause (or a crash) continues from the ranges left.
 */
final class SnapshotPhase {
    /** Rows written to the destination at once during the copy (per range, so at most parallelism × this in memory). */
    static final int WRITE_ROWS = 50_000;
    private final PipeContext ctx;

    SnapshotPhase(PipeContext ctx) {
        this.ctx = ctx;
    }

    /** Copies the pending ranges; returns true when the whole snapshot is done, false when stopped early. */
    boolean copy(PostgresSource source, Destination destination, List<SnapshotRange> pending, String snapshotName,
                 int parallelism, int batchSize) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        // the source hands rows in small chunks; fewer, larger writes are much cheaper for the destination
        // (a ClickHouse insert per 10,000 rows costs about three times one per 100,000)
        Map<SnapshotRange, List<RowChange>> buffers = new ConcurrentHashMap<>();
        int writeRows = Math.min(batchSize, WRITE_ROWS);
        SnapshotListener listener = new SnapshotListener() {
            @Override
            public void onRows(SnapshotRange range, List<RowChange> rows) {
                if (failure.get() != null) {
                    return;
                }
                List<RowChange> buffer = buffers.computeIfAbsent(range, r -> new ArrayList<>());
                buffer.addAll(rows); // one copier thread per range: the buffer is not shared
                if (buffer.size() >= writeRows) {
                    write(buffer);
                }
            }

            @Override
            public void onRangeDone(SnapshotRange range, long rows) {
                List<RowChange> rest = buffers.remove(range);
                if (rest != null && !rest.isEmpty()) {
                    write(rest);
                }
                if (failure.get() == null) {
                    ctx.ranges.markDone(ctx.pipeId, range, rows);
                }
            }

            private void write(List<RowChange> rows) {
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
                } finally {
                    rows.clear();
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
