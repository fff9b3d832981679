package dev.pipedeck.engine;

import dev.pipedeck.catalog.SnapshotSettings;
import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.change.CopyTextRows;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SnapshotListener;
import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableSchema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The initial copy: ranges read in parallel by the source; each range's rows are gathered into large writes that go
 * to the destination on writer threads while the range's copier keeps reading (one write in flight per range), then
 * are recorded; each finished range is marked done in the catalog only after all its writes have landed — so a pause
 * (or a crash) continues from the ranges left. Writes of different ranges run in parallel when the destination
 * allows it ({@link Destination#concurrentApply()}), otherwise one at a time on a single writer thread.
 */
final class SnapshotPhase {
    /** Rows written to the destination at once (per range; a ClickHouse insert of 10,000 rows costs about three
     * times as much per row as one of 100,000). */
    static final int WRITE_ROWS = 100_000;
    /** ... or fewer when their COPY text reaches this size, so wide rows do not pile up in memory. */
    static final long WRITE_BYTES = 32L << 20;
    /**
     * {@code -Dpipedeck.snapshot.copyText=false} makes every table take the row-by-row way (decoded values), even where
     * the destination could take the COPY text as it is: to compare the two.
     */
    static final String COPY_TEXT_PROPERTY = "pipedeck.snapshot.copyText";
    private final PipeContext ctx;

    SnapshotPhase(PipeContext ctx) {
        this.ctx = ctx;
    }

    /** Copies the pending ranges; returns true when the whole snapshot is done, false when stopped early. */
    boolean copy(PostgresSource source, Destination destination, List<SnapshotRange> pending, String snapshotName,
                 int parallelism, int batchSize) {
        return copy(source, destination, pending, snapshotName, parallelism, batchSize, () -> false);
    }

    /** As above; also stops (returning false) once {@code cancelled} says so (a copy beside a stream that ended). */
    boolean copy(PostgresSource source, Destination destination, List<SnapshotRange> pending, String snapshotName,
                 int parallelism, int batchSize, BooleanSupplier cancelled) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        int writeRows = Math.min(batchSize, WRITE_ROWS);
        // the pipe's settings: rows per partition (used by the plan), readers per table, tables in parallel
        SnapshotSettings settings = ctx.ranges.settings(ctx.pipeId);
        int readers = settings.readersPerTable() * settings.tablesInParallel();
        int writers = destination.concurrentApply() ? Math.max(1, readers) : 1;
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, "pipedeck-snapshot-writer-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Consumer<List<RowChange>> write = rows -> {
            if (failure.get() != null) {
                return;
            }
            try {
                ChangeBatch batch = new ChangeBatch(SyncBatch.Kind.SNAPSHOT);
                rows.forEach(batch::add);
                if (destination.concurrentApply()) {
                    destination.apply(rows);
                } else {
                    synchronized (destination) { // one writer thread anyway; the lock documents it
                        destination.apply(rows);
                    }
                }
                ctx.metrics.recordBatch(batch.toRecord(ctx.pipeId), null);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        };
        Consumer<List<CopyTextRows>> writeText = chunks -> {
            if (failure.get() != null) {
                return;
            }
            try {
                ChangeBatch batch = new ChangeBatch(SyncBatch.Kind.SNAPSHOT);
                chunks.forEach(c -> batch.addSnapshotRows(c.schema().table(), c.rows()));
                destination.applyCopyText(chunks);
                ctx.metrics.recordBatch(batch.toRecord(ctx.pipeId), null);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        };
        boolean copyText = !"false".equalsIgnoreCase(System.getProperty(COPY_TEXT_PROPERTY));
        /** The rows of one range not yet written (decoded, or as COPY text), and its write in flight. */
        final class RangeWrites {
            List<RowChange> buffer = new ArrayList<>();
            List<CopyTextRows> text = new ArrayList<>();
            long rows;
            long bytes;
            Future<?> inFlight;

            /** Hands the buffer to a writer once the previous write of this range is done. */
            void submit() {
                submit(null);
            }

            /**
             * As {@link #submit()}, then runs {@code after} once this write has landed (on the writer thread, so the
             * copier can go on to its next range meanwhile); at once when there is nothing left to write.
             */
            void submit(Runnable after) {
                await();
                if (failure.get() != null) {
                    return;
                }
                if (buffer.isEmpty() && text.isEmpty()) {
                    if (after != null) {
                        after.run();
                    }
                    return;
                }
                Runnable writeIt;
                if (!text.isEmpty()) {
                    List<CopyTextRows> chunks = text;
                    text = new ArrayList<>();
                    writeIt = () -> writeText.accept(chunks);
                } else {
                    List<RowChange> rows = buffer;
                    buffer = new ArrayList<>();
                    writeIt = () -> write.accept(rows);
                }
                inFlight = executor.submit(() -> {
                    writeIt.run();
                    if (after != null && failure.get() == null) {
                        try {
                            after.run();
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                });
                rows = 0;
                bytes = 0;
            }

            void await() {
                if (inFlight == null) {
                    return;
                }
                try {
                    inFlight.get();
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, e.getCause() instanceof RuntimeException r ? r
                            : PipeDeckException.transientFailure("writing part of the initial copy failed: "
                            + e.getCause(), e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, PipeDeckException.transientFailure("interrupted during the copy", e));
                } finally {
                    inFlight = null;
                }
            }
        }

        Map<SnapshotRange, RangeWrites> byRange = new ConcurrentHashMap<>();
        SnapshotListener listener = new SnapshotListener() {
            @Override
            public void onRows(SnapshotRange range, List<RowChange> rows) {
                onRows(range, rows, 0);
            }

            @Override
            public void onRows(SnapshotRange range, List<RowChange> rows, long sourceBytes) {
                if (failure.get() != null) {
                    return;
                }
                // one copier thread per range: its RangeWrites is not shared between copiers
                RangeWrites w = byRange.computeIfAbsent(range, r -> new RangeWrites());
                w.buffer.addAll(rows);
                w.rows += rows.size();
                w.bytes += sourceBytes;
                if (w.rows >= writeRows || w.bytes >= WRITE_BYTES) {
                    w.submit();
                }
            }

            @Override
            public boolean wantsCopyText(TableSchema schema) {
                return copyText && destination.takesCopyText(schema);
            }

            @Override
            public void onCopyText(SnapshotRange range, CopyTextRows rows) {
                if (failure.get() != null) {
                    return;
                }
                RangeWrites w = byRange.computeIfAbsent(range, r -> new RangeWrites());
                w.text.add(rows);
                w.rows += rows.rows();
                w.bytes += rows.length();
                if (w.rows >= writeRows || w.bytes >= WRITE_BYTES) {
                    w.submit();
                }
            }

            @Override
            public void onRangeDone(SnapshotRange range, long rows) {
                // the range is marked done once its last write has landed; the copier does not wait for that write
                // but reads its next range meanwhile (all writes end before copy() returns: see the finally below)
                Runnable markDone = () -> ctx.ranges.markDone(ctx.pipeId, range, rows);
                RangeWrites w = byRange.remove(range);
                if (w != null) {
                    w.submit(markDone);
                } else if (failure.get() == null) {
                    markDone.run();
                }
            }
        };
        Set<SnapshotRange> done;
        try {
            done = new HashSet<>(source.copy(pending, snapshotName, settings.readersPerTable(),
                    settings.tablesInParallel(), listener, () -> failure.get() != null || ctx.shouldStop() || cancelled.getAsBoolean()));
        } finally {
            // ranges left unfinished (a stop or a failure) may still have a write in flight: let it end before the
            // destination is closed; their rows are written again when the range is copied again
            executor.shutdown();
            try {
                if (!executor.awaitTermination(10, TimeUnit.MINUTES)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                executor.shutdownNow();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        ctx.throwIfFailed();
        if (done.containsAll(pending) && ctx.ranges.pending(ctx.pipeId).isEmpty()) {
            ctx.pipes.markSnapshotDone(ctx.pipeId);
            return true;
        }
        if (!ctx.shouldStop() && !cancelled.getAsBoolean()) {
            throw PipeDeckException.transientFailure("the initial copy stopped before all ranges were copied", null);
        }
        return false;
    }
}
