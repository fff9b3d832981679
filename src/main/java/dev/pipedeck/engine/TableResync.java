package dev.pipedeck.engine;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A resync of one table while the others keep streaming (docs/resync.md, "One table"). The stream asks at each
 * transaction boundary ({@link #wantsBoundary}, at most once per poll interval) whether there is something to do;
 * when it says yes the stream writes and confirms what it read and calls {@link #atBoundary}:
 * <ol>
 *   <li>a pending request ({@code pipe_resync.source_table}): the table is copied by {@link TableCopy} at a point X
 *   into its shadow on a thread of its own, and from then on the stream writes every change of that table whose
 *   transaction commits at or after X to the live table and to the shadow ({@link #dualWrite}); the live table keeps
 *   getting every change, so readers see it as before;</li>
 *   <li>the copy complete and the confirmed position past X (no transaction before X can come again after a crash):
 *   the shadow is swapped in, alone, with the writer idle; then the request is marked done.</li>
 * </ol>
 * Interrupted before the swap (pause, crash, failure), the request stays pending and the table starts over.
 */
final class TableResync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableResync.class);
    private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private final PipeContext ctx;
    private final Pipe pipe;
    private final PostgresSource source;
    private final Destination live;
    private final Supplier<Destination> openShadows;
    private final long checkNanos;
    private long nextCheck;
    private long nextReport;
    private TableRef table;
    private volatile TableCopy copy;
    private Lsn point;
    private long startedAt;
    private ExecutorService copier;
    private Future<Boolean> copying;
    private volatile boolean cancelled;

    TableResync(PipeContext ctx, Pipe pipe, PostgresSource source, Destination live, Supplier<Destination> openShadows) {
        this.ctx = ctx;
        this.pipe = pipe;
        this.source = source;
        this.live = live;
        this.openShadows = openShadows;
        this.checkNanos = ctx.options.pollInterval().toNanos();
        this.nextCheck = System.nanoTime(); // the first boundary looks at once (a request made while paused)
    }

    /** True when the stream should drain its batch and writer now, then call {@link #atBoundary}. */
    boolean wantsBoundary() {
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return false;
        }
        nextCheck = now + checkNanos;
        if (copy == null) {
            return ctx.pipes.resyncs().pendingTable(ctx.pipeId).isPresent();
        }
        if (copying.isDone()) {
            return true;
        }
        if (now - nextReport >= 0) {
            nextReport = now + REPORT_NANOS;
            report();
        }
        return false;
    }

    /** The changes of this transaction of {@code t} also go to the shadow. */
    boolean dualWrite(TableRef t, long commitLsn) {
        return copy != null && t.equals(table) && Long.compareUnsigned(commitLsn, point.value()) >= 0;
    }

    /** A table's columns changed: the shadow gets them too. */
    void evolve(TableSchema schema) {
        if (copy != null && schema.table().equals(table)) {
            Destination shadows = copy.shadows();
            synchronized (shadows) {
                shadows.evolve(new Destination.TableTarget(schema, copy.shadowOf(table)));
            }
        }
    }

    /** Writes the dual-written changes of a batch to the shadow (on the batch writer's thread). */
    void applyToShadow(List<RowChange> changes) {
        TableCopy c = copy;
        if (c == null || changes.isEmpty()) {
            return;
        }
        Destination shadows = c.shadows();
        if (shadows.concurrentApply()) {
            shadows.apply(changes);
        } else {
            synchronized (shadows) { // the copy's writer writes through the same connection
                shadows.apply(changes);
            }
        }
    }

    /** The stream is at a transaction boundary, everything read is written and confirmed up to {@code confirmed}. */
    void atBoundary(Lsn confirmed) {
        if (copy == null) {
            Optional<TableRef> pending = ctx.pipes.resyncs().pendingTable(ctx.pipeId);
            if (pending.isPresent()) {
                start(pending.get());
            }
            return;
        }
        if (!copying.isDone()) {
            return;
        }
        boolean complete;
        try {
            complete = copying.get();
        } catch (ExecutionException e) {
            discard();
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw PipeDeckException.transientFailure("copying table " + table + " afresh failed ("
                    + e.getCause().getMessage() + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PipeDeckException.transientFailure("interrupted while resyncing table " + table, e);
        }
        if (!complete) {
            // stopped for a pause or a shutdown: the stream stops too; if it does not after all, start over
            if (!ctx.shouldStop()) {
                discard();
            }
            return;
        }
        if (confirmed.compareTo(point) < 0) {
            return; // transactions before X could still come again after a crash: swap once the slot is past X
        }
        swap();
    }

    private void start(TableRef t) {
        String liveName = ctx.destinationName(t);
        if (liveName == null) {
            ctx.pipes.resyncs().tableFinished(ctx.pipeId, t, Duration.ZERO, ctx.actor, "resync of table " + t
                    + " dropped: the pipe no longer captures it");
            return;
        }
        startedAt = System.nanoTime();
        cancelled = false;
        table = t;
        // blocks until the temporary slot is consistent; the stream reads nothing meanwhile, so no transaction at or
        // after X is read before the dual write below is on
        copy = new TableCopy(ctx, source, openShadows.get(), List.of(new TableMapping(t, liveName)), pipe.slotName());
        point = copy.point();
        TableCopy c = copy;
        copier = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "pipe-" + pipe.name() + "-resync-" + t.name());
            th.setDaemon(true);
            return th;
        });
        copying = copier.submit(() -> c.copy(pipe.snapshotParallelism(), pipe.batchSize(), source, () -> cancelled));
        nextReport = System.nanoTime() + REPORT_NANOS;
        LOG.info("pipe {}: resyncing table {}: copying it as of {} into {} while the stream goes on", pipe.name(), t,
                point, copy.shadowOf(t));
        ctx.setStatus(PipeStatus.RUNNING, doing());
    }

    private String doing() {
        return "streaming changes; resyncing table " + table + ": copying it afresh as of " + point + " into "
                + copy.shadowOf(table) + " (the other tables keep streaming, " + ctx.destinationName(table)
                + " stays readable until the copy is swapped in)";
    }

    private void report() {
        try {
            if (ctx.watch.current() == DesiredState.RUNNING && !ctx.stopping()) {
                ctx.setStatus(PipeStatus.RUNNING, doing() + "; " + CopyProgress.of(ctx, List.of(table)));
            }
        } catch (RuntimeException e) {
            LOG.debug("could not report the resync's progress: {}", e.getMessage());
        }
    }

    private void swap() {
        TableRef t = table;
        Lsn at = point;
        String liveName = ctx.destinationName(t);
        TableCopy c = copy;
        shutdownCopier();
        c.close(); // the shadow's own connection goes before its table is renamed
        copy = null;
        table = null;
        live.swapIn(c.liveToShadow());
        TableSchema schema = ctx.schema(t);
        live.prepare(List.of(ctx.target(schema != null ? schema : source.readSchema(t))));
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        String message = "resync of table " + t + " done: copied afresh as of " + at + " in " + took.toSeconds()
                + " s and swapped in for " + liveName + "; the other tables streamed throughout";
        ctx.pipes.resyncs().tableFinished(ctx.pipeId, t, took, ctx.actor, message);
        LOG.info("pipe {}: {}", pipe.name(), message);
        ctx.setStatus(PipeStatus.RUNNING, "streaming changes; " + message);
    }

    /** Ends a copy that will not be swapped in (the request stays pending: it starts over). */
    private void discard() {
        cancelled = true;
        TableCopy c = copy;
        copy = null;
        table = null;
        shutdownCopier();
        if (c != null) {
            c.close();
        }
    }

    private void shutdownCopier() {
        if (copier == null) {
            return;
        }
        copier.shutdown();
        try {
            if (!copier.awaitTermination(10, TimeUnit.MINUTES)) {
                LOG.warn("pipe {}: the copy of table {} did not stop within 10 minutes", pipe.name(), table);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        copier = null;
        copying = null;
    }

    /** The stream ends: a copy in progress is stopped and left for the next run (the request stays pending). */
    @Override
    public void close() {
        if (copy != null) {
            discard();
        }
    }
}
