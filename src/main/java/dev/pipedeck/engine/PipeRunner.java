package dev.pipedeck.engine;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeLifecycle;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.Advice;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SlotCreation;
import dev.pipedeck.source.pg.SourceConfig;
import dev.pipedeck.source.pg.SourceProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves one pipe's status toward its desired state: SETUP → SNAPSHOT → RUNNING ⇄ (PAUSING → PAUSED → RESUMING),
 * FAILED on a permanent error, DELETING then gone. Transient errors are retried with capped exponential back-off.
 */
final class PipeRunner implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PipeRunner.class);
    /** States on the way to another: a transient failure there is retried this many times, then the pipe fails. */
    static final Set<PipeStatus> TRANSITIONS = EnumSet.of(PipeStatus.SETUP, PipeStatus.SNAPSHOT,
            PipeStatus.RESUMING, PipeStatus.RESYNCING, PipeStatus.MODIFYING);
    static final int TRANSITION_ATTEMPTS = 8;
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

    /** The worker lost the pipe's claim: stop now, writing nothing more (see {@link PipeContext#claimLost()}). */
    void claimLost() {
        ctx.claimLost();
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
        boolean deleting = false;
        try {
            while (!ctx.stopping()) {
                Pipe p = ctx.load();
                if (p == null) {
                    return;
                }
                try {
                    ctx.throwIfFailed();
                    switch (PipeLifecycle.engineStep(p.status(), p.desiredState())) {
                        case DELETE -> {
                            if (!deleting) {
                                deleting = true;
                                backoff.reset(); // the delete's own attempts, not the retries of what ran before it
                            }
                            delete(p, backoff);
                            return;
                        }
                        // sticky: only an explicit resume (status RESUMING) or pause (status PAUSED) moves it on
                        case HOLD -> await(ctx.options.pollInterval());
                        case PAUSE -> {
                            ensurePaused(p);
                            backoff.reset();
                            await(ctx.options.pollInterval());
                        }
                        case RUN -> {
                            runOnce(p);
                            backoff.reset();
                        }
                    }
                } catch (PipeDeckException e) {
                    handleFailure(e, backoff);
                } catch (RuntimeException | LinkageError | OutOfMemoryError | StackOverflowError e) {
                    // never leave the pipe in a status that does not end (e.g. RESUMING) because its thread died
                    LOG.error("pipe {}: unexpected error", p.name(), e);
                    handleFailure(PipeDeckException.permanent("The engine hit an unexpected error ("
                            + (e.getMessage() == null ? "no message" : e.getMessage()) + "); the details are in the worker "
                            + "log. Resume the pipe to try again; if it fails the same way, report it with that log.", e), backoff);
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
        String message = Advice.forPipe(e.getMessage(), p.name());
        ctx.pipes.recordError(ctx.pipeId, message);
        if (p.desiredState() == DesiredState.DELETED) {
            deleteFailed(p, e, message, backoff);
            return;
        }
        if (e.isTransient() && p.desiredState() != DesiredState.RUNNING) {
            LOG.info("pipe {}: {} (while stopping; not retried)", p.name(), e.getMessage());
            return; // a pause or delete is pending: the loop carries it out (an unconfirmed batch is simply dropped)
        }
        if (e.isTransient() && TRANSITIONS.contains(p.status()) && backoff.attempt() + 1 >= TRANSITION_ATTEMPTS) {
            // a state on the way somewhere must end: give up with the cause, and let a resume start over
            LOG.error("pipe {}: gave up {} after {} attempts: {}", p.name(), p.status(), TRANSITION_ATTEMPTS, message, e);
            ctx.setStatus(PipeStatus.FAILED, "gave up " + p.status().name() + " after " + TRANSITION_ATTEMPTS + " attempts: "
                    + message + " Fix the cause, then resume the pipe: `pipedeck pipe resume " + p.name()
                    + "` or Resume on its Settings tab.");
            return;
        }
        if (e.isTransient()) {
            ctx.counters.retry();
            Duration wait = backoff.next();
            if (backoff.attempt() == 1) {
                LOG.warn("pipe {}: retrying in {} s: {}", p.name(), wait.toSeconds(), message, e);
            } else {
                // the stack trace once per outage; the retries only count
                LOG.warn("pipe {}: retrying in {} s (attempt {}): {}", p.name(), wait.toSeconds(), backoff.attempt(), message);
            }
            PipeStatus keep = p.status() == PipeStatus.PAUSING ? PipeStatus.RUNNING : p.status();
            ctx.setStatus(keep, "retrying: " + message + " (attempt " + backoff.attempt() + ")");
            backOff(wait, p.desiredState());
        } else {
            ctx.counters.error();
            LOG.error("pipe {} failed: {}", p.name(), message, e);
            ctx.setStatus(PipeStatus.FAILED, message);
        }
    }

    /**
     * A delete that fails stays requested and is tried again with back-off, whatever the cause: once the operator has
     * removed what blocks it (the reason names it), the delete finishes by itself. Until then the pipe is FAILED with
     * that reason, not flipping between DELETING and FAILED.
     */
    private void deleteFailed(Pipe p, PipeDeckException e, String message, Backoff backoff) {
        Duration wait = backoff.next();
        if (backoff.attempt() == 1) {
            LOG.error("pipe {}: delete failed, retrying with back-off: {}", p.name(), message, e);
        } else {
            LOG.warn("pipe {}: delete failed again (attempt {}), next try in {} s: {}", p.name(), backoff.attempt(),
                    wait.toSeconds(), message);
        }
        ctx.setStatus(PipeStatus.FAILED, "delete blocked: " + message + " The delete is tried again by itself (attempt "
                + backoff.attempt() + ", next in " + wait.toSeconds() + " s).");
        backOff(wait, DesiredState.DELETED);
    }

    /**
     * Waits out a back-off. Any catalog notification wakes the runner — also the one its own status change just sent —
     * so a wake ends the wait only when the pipe's desired state changed (a pause or a delete asked meanwhile).
     */
    private void backOff(Duration wait, DesiredState desired) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!ctx.stopping()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            await(Duration.ofMillis(Math.max(1, left / 1_000_000)));
            Pipe now = ctx.load();
            if (now == null || now.desiredState() != desired) {
                return;
            }
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
            if (entering == PipeStatus.RESYNCING || ctx.pipes.resyncs().pending(ctx.pipeId)) {
                // a requested resync (or one interrupted by a crash or a failure) starts over from a new slot
                snapshotDone = new ResyncPhase(ctx).run(p, source, destination);
            } else if (!p.slotCreated()) {
                ctx.setStatus(PipeStatus.SETUP, "validating the source and creating slot " + p.slotName());
                snapshotDone = setupAndCopy(p, source, destination);
            } else {
                requireTables(p, source);
                syncPublication(p, source);
                prepareDestination(source, destination);
                if (!source.slotExists(p.slotName())) {
                    throw PipeDeckException.permanent("replication slot " + p.slotName() + " no longer exists on the source "
                            + "(dropped by someone, or lost): changes since it went are gone — " + Advice.resync(p.name()));
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
            // tables added by an edit: copied at a point of their own before the stream goes on (status MODIFYING)
            if (!new AddedTables(ctx).run(p, source, destination, () -> connectors.destination(destinationUrl(p)))
                    || ctx.shouldStop()) {
                return;
            }
            new StreamPhase(ctx).run(ctx.load(), source, destination, entering,
                    () -> connectors.destination(destinationUrl(p)));
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
        // tables added before the initial copy began are part of it
        List<TableRef> addedBefore = ctx.pipes.tableCopies().pending(ctx.pipeId).stream().map(TableMapping::source).toList();
        try (SlotCreation slot = source.createSlot(p.slotName())) {
            ctx.pipes.markSlotCreated(ctx.pipeId, slot.consistentPoint().value());
            ctx.ranges.savePlan(ctx.pipeId, source.planSnapshot(ctx.sourceTables(), ctx.options.rangesPerTable(),
                    ctx.ranges.settings(ctx.pipeId).rowsPerPartition()));
            ctx.setStatus(PipeStatus.SNAPSHOT, "initial copy of " + ctx.sourceTables().size() + " table(s)");
            boolean done = new SnapshotPhase(ctx).copy(source, destination, ctx.ranges.pending(ctx.pipeId),
                    slot.snapshotName(), p.snapshotParallelism(), p.batchSize());
            for (TableRef t : addedBefore) {
                if (ctx.captures(t)) {
                    ctx.pipes.tableCopies().done(ctx.pipeId, t); // planned with the rest (done or continued later)
                }
            }
            return done;
        }
    }

    /**
     * Makes the publication publish exactly the pipe's tables when an edit added or removed some (changes of a
     * removed table still in the slot are ignored by the stream; its destination table and counters stay).
     */
    /**
     * Every table of the pipe must still be at the source (a table added by an edit may have been dropped since): one
     * sentence naming the missing ones and the way out, instead of the publication's own error.
     */
    private void requireTables(Pipe p, PostgresSource source) {
        List<String> missing = new ArrayList<>();
        for (TableRef t : ctx.sourceTables()) {
            try {
                source.readSchema(t);
            } catch (PipeDeckException e) {
                // only "no such table" comes without a cause; a refused login or a missing permission is the server's
                // answer to us, not to the table, and its own sentence says what to fix (never "take the table out")
                if (e.isTransient() || e.getCause() != null) {
                    throw e;
                }
                missing.add(t.toString());
            }
        }
        if (!missing.isEmpty()) {
            String list = String.join(",", missing);
            boolean one = missing.size() == 1;
            throw PipeDeckException.permanent((one ? "Table " : "Tables ") + String.join(", ", missing)
                    + (one ? " no longer exists" : " no longer exist") + " in the source database (dropped or renamed, "
                    + "or the source user cannot see " + (one ? "it" : "them") + " any more), so the pipe cannot go on. "
                    + "Pause the pipe, take " + (one ? "it" : "them") + " out (pipedeck pipe edit " + p.name()
                    + " --remove-tables " + list + ") and resume it; or create " + (one ? "it" : "them")
                    + " again at the source and resume. The destination tables are kept.");
        }
    }

    private void syncPublication(Pipe p, PostgresSource source) {
        Set<TableRef> wanted = new HashSet<>(ctx.sourceTables());
        Set<TableRef> published = new HashSet<>(source.publishedTables(p.publicationName()));
        if (!published.isEmpty() && !wanted.equals(published)) {
            LOG.info("pipe {}: publication {} publishes {}, the pipe captures {}: altering it", p.name(),
                    p.publicationName(), published, wanted);
            source.ensurePublication(p.publicationName(), ctx.sourceTables());
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

    private void delete(Pipe p, Backoff backoff) {
        if (backoff.attempt() == 0) {
            ctx.setStatus(PipeStatus.DELETING, "dropping slot " + p.slotName() + " and its publication");
        }
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
