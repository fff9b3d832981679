package dev.pipedeck.engine;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.control.PipeCredentials;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SlotCreation;
import dev.pipedeck.source.pg.SourceConfig;
import dev.pipedeck.source.pg.SourceProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves one pipe's status toward its desired state: SETUP → SNAPSHOT → RUNNING ⇄ (PAUSING → PAUSED → RESUMING),
 * FAILED on a permanent error, DELETING then gone. Transient errors are retried with capped exponential back-off.
 */
final class PipeRunner implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PipeRunner.class);
    private final PipeContext ctx;
    private final Connectors connectors;
    private final PipeCredentials credentials;
    private final Object wakeSignal = new Object();
    private volatile boolean finished;

    PipeRunner(PipeContext ctx, Connectors connectors, PipeCredentials credentials) {
        this.ctx = ctx;
        this.connectors = connectors;
        this.credentials = credentials;
    }

    void wake() {
        ctx.watch.markDirty();
        synchronized (wakeSignal) {
            wakeSignal.notifyAll();
        }
    }

    void stop() {
        ctx.stop();
        wake();
    }

    void fail(String reason) {
        ctx.fail(reason);
        wake();
    }

    boolean finished() {
        return finished;
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff(ctx.options.maxRetryDelay());
        try {
            while (!ctx.stopping()) {
                Pipe p = ctx.load();
                if (p == null) {
                    return;
                }
                try {
                    ctx.throwIfFailed();
                    if (p.desiredState() == DesiredState.DELETED) {
                        delete(p);
                        return;
                    }
                    if (p.status() == PipeStatus.FAILED) {
                        // sticky: only an explicit resume (status RESUMING) or pause (status PAUSED) moves it on
                        await(ctx.options.pollInterval());
                    } else if (p.desiredState() == DesiredState.PAUSED) {
                        ensurePaused(p);
                        backoff.reset();
                        await(ctx.options.pollInterval());
                    } else {
                        runOnce(p);
                        backoff.reset();
                    }
                } catch (PipeDeckException e) {
                    handleFailure(e, backoff);
                } catch (RuntimeException e) {
                    LOG.error("pipe {}: unexpected error", p.name(), e);
                    handleFailure(PipeDeckException.permanent("unexpected error: " + e + " (see the worker log)", e), backoff);
                }
            }
        } finally {
            finished = true;
        }
    }

    private void handleFailure(PipeDeckException e, Backoff backoff) {
        Pipe p = ctx.load();
        if (p == null || ctx.stopping()) {
            return;
        }
        ctx.pipes.recordError(ctx.pipeId, e.getMessage());
        if (e.isTransient() && p.desiredState() != DesiredState.RUNNING) {
            LOG.info("pipe {}: {} (while stopping; not retried)", p.name(), e.getMessage());
            return; // a pause or delete is pending: the loop carries it out (an unconfirmed batch is simply dropped)
        }
        if (e.isTransient()) {
            Duration wait = backoff.next();
            LOG.warn("pipe {}: retrying in {} s: {}", p.name(), wait.toSeconds(), e.getMessage(), e);
            PipeStatus keep = p.status() == PipeStatus.PAUSING ? PipeStatus.RUNNING : p.status();
            ctx.setStatus(keep, "retrying: " + e.getMessage() + " (attempt " + backoff.attempt() + ")");
            await(wait);
        } else {
            LOG.error("pipe {} failed: {}", p.name(), e.getMessage(), e);
            ctx.setStatus(PipeStatus.FAILED, e.getMessage());
        }
    }

    private void await(Duration d) {
        synchronized (wakeSignal) {
            try {
                wakeSignal.wait(Math.max(1, d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ctx.stop();
            }
        }
    }

    private void ensurePaused(Pipe p) {
        if (p.status() == PipeStatus.PAUSED) {
            return;
        }
        String reason = p.consistentLsn() == null
                ? (p.snapshotDone() ? "paused" : "paused during the initial copy; it continues from the ranges left")
                : "paused; destination consistent as of " + Lsn.format(p.consistentLsn())
                + (p.consistentCommitTime() == null ? "" : " (commit at " + p.consistentCommitTime() + ")");
        ctx.setStatus(PipeStatus.PAUSED, reason);
    }

    private void runOnce(Pipe p) {
        ctx.useTables(p.tables());
        PipeStatus entering = p.status();
        if (entering == PipeStatus.PAUSED || entering == PipeStatus.PAUSING) {
            ctx.setStatus(PipeStatus.RESUMING, "resuming from the slot's confirmed position");
            entering = PipeStatus.RESUMING;
        }
        PostgresSource source = connectors.source(sourceConfig(p));
        try (Destination destination = connectors.destination(destinationUrl(p))) {
            destination.check();
            boolean snapshotDone = p.snapshotDone();
            if (!p.slotCreated()) {
                ctx.setStatus(PipeStatus.SETUP, "validating the source and creating slot " + p.slotName());
                snapshotDone = setupAndCopy(p, source, destination);
            } else {
                prepareDestination(source, destination);
                if (!source.slotExists(p.slotName())) {
                    throw PipeDeckException.permanent("replication slot " + p.slotName() + " no longer exists on the source "
                            + "(dropped by someone, or lost): changes since it went are gone — delete this pipe and create it again");
                }
                if (!snapshotDone) {
                    ctx.setStatus(PipeStatus.SNAPSHOT, "continuing the initial copy");
                    snapshotDone = new SnapshotPhase(ctx).copy(source, destination, ctx.ranges.pending(ctx.pipeId), null,
                            p.snapshotParallelism(), p.batchSize());
                }
            }
            if (!snapshotDone || ctx.shouldStop()) {
                return;
            }
            new StreamPhase(ctx).run(ctx.load(), source, destination, entering);
        }
    }

    private boolean setupAndCopy(Pipe p, PostgresSource source, Destination destination) {
        List<SourceProblem> problems = source.validate(ctx.sourceTables());
        if (!problems.isEmpty()) {
            List<String> text = new ArrayList<>();
            problems.forEach(pr -> text.add(pr.toString()));
            throw PipeDeckException.permanent(String.join("; ", text));
        }
        prepareDestination(source, destination);
        source.ensurePublication(p.publicationName(), ctx.sourceTables());
        if (source.slotExists(p.slotName())) {
            // slot names carry a random part chosen when the pipe was created, so this is our own slot, left by a run
            // that died before recording it: nothing was confirmed from it, so start it afresh
            source.drop(p.slotName(), null);
        }
        try (SlotCreation slot = source.createSlot(p.slotName())) {
            ctx.pipes.markSlotCreated(ctx.pipeId, slot.consistentPoint().value());
            ctx.ranges.savePlan(ctx.pipeId, source.planSnapshot(ctx.sourceTables(), ctx.options.rangesPerTable(),
                    ctx.ranges.settings(ctx.pipeId).rowsPerPartition()));
            ctx.setStatus(PipeStatus.SNAPSHOT, "initial copy of " + ctx.sourceTables().size() + " table(s)");
            return new SnapshotPhase(ctx).copy(source, destination, ctx.ranges.pending(ctx.pipeId), slot.snapshotName(),
                    p.snapshotParallelism(), p.batchSize());
        }
    }

    private void prepareDestination(PostgresSource source, Destination destination) {
        List<Destination.TableTarget> targets = new ArrayList<>();
        for (TableRef t : ctx.sourceTables()) {
            TableSchema schema = source.readSchema(t);
            targets.add(ctx.target(schema));
        }
        destination.prepare(targets);
    }

    private void delete(Pipe p) {
        ctx.setStatus(PipeStatus.DELETING, "dropping slot " + p.slotName() + " and its publication");
        connectors.source(sourceConfig(p)).drop(p.slotName(), p.publicationName());
        ctx.pipes.delete(p, ctx.actor, "deleted; slot " + p.slotName() + " and publication dropped, destination tables kept");
    }

    private SourceConfig sourceConfig(Pipe p) {
        return credentials.sourceConfig(p);
    }

    private String destinationUrl(Pipe p) {
        return credentials.destinationUrl(p);
    }
}
