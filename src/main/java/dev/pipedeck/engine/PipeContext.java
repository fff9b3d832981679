package dev.pipedeck.engine;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SnapshotRangeRepository;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the phases of one pipe run share: the catalog repositories, the pipe, its watch and its table mapping. */
final class PipeContext {
    final long pipeId;
    final PipeRepository pipes;
    final MetricsRepository metrics;
    final SnapshotRangeRepository ranges;
    final Actor actor;
    final DesiredWatch watch;
    final EngineOptions options;
    /** Lag in time while the stream runs (read by the slot sampler). */
    final LagTracker lag = new LagTracker();
    /** Failures seen while running (exported on /metrics). */
    final RunCounters counters = new RunCounters();
    private final Map<TableRef, String> destinationNames = new HashMap<>();
    private final Map<TableRef, TableSchema> schemas = new HashMap<>();
    private volatile boolean stopping;
    private volatile boolean claimLost;
    private volatile String fatal;
    private volatile boolean pausingMarked;

    PipeContext(long pipeId, PipeRepository pipes, MetricsRepository metrics, SnapshotRangeRepository ranges, Actor actor,
                DesiredWatch watch, EngineOptions options) {
        this.pipeId = pipeId;
        this.pipes = pipes;
        this.metrics = metrics;
        this.ranges = ranges;
        this.actor = actor;
        this.watch = watch;
        this.options = options;
    }

    Pipe load() {
        return pipes.find(pipeId).orElse(null);
    }

    void setStatus(PipeStatus status, String reason) {
        pipes.updateStatus(pipeId, status, reason, actor);
    }

    void useTables(List<TableMapping> tables) {
        destinationNames.clear();
        for (TableMapping m : tables) {
            destinationNames.put(m.source(), m.destination());
        }
    }

    List<TableRef> sourceTables() {
        return new ArrayList<>(destinationNames.keySet());
    }

    /** Whether the pipe captures this table now (the stream still carries tables removed by an edit for a while). */
    boolean captures(TableRef table) {
        return destinationNames.containsKey(table);
    }

    /** The destination table of a captured source table, or null. */
    String destinationName(TableRef table) {
        return destinationNames.get(table);
    }

    Destination.TableTarget target(TableSchema schema) {
        schemas.put(schema.table(), schema);
        String dest = destinationNames.get(schema.table());
        if (dest == null) {
            throw PipeDeckException.permanent("the stream carries table " + schema.table() + " which the pipe does not capture");
        }
        return new Destination.TableTarget(schema, dest);
    }

    TableSchema schema(TableRef table) {
        return schemas.get(table);
    }

    /** The worker is shutting down: stop at the next transaction boundary and leave the status as it is. */
    void stop() {
        stopping = true;
        watch.markDirty();
    }

    boolean stopping() {
        return stopping;
    }

    /**
     * The worker can no longer be sure it holds the pipe's claim (its lock session ended): stop at once, mid-transaction
     * too, and write, record or confirm nothing more — another worker may be running the pipe already. Nothing is lost:
     * what was not confirmed is read again by the next owner.
     */
    void claimLost() {
        claimLost = true;
        stopping = true;
        watch.markDirty();
    }

    /** Throws while the claim is lost ({@link #claimLost()}); called before each write of a batch. */
    void throwIfClaimLost() {
        if (claimLost) {
            throw PipeDeckException.transientFailure("This worker lost its claim on the pipe (its catalog session "
                    + "ended), so it stops without writing more; the pipe is claimed again and continues from its last "
                    + "confirmed position.", null);
        }
    }

    /** A permanent problem found outside the runner's thread (e.g. the slot monitor saw the slot lost). */
    void fail(String reason) {
        fatal = reason;
        watch.markDirty();
    }

    void throwIfFailed() {
        throwIfClaimLost();
        String f = fatal;
        if (f != null) {
            fatal = null;
            throw PipeDeckException.permanent(f);
        }
    }

    /** True once the run should end (shutdown, or the desired state is no longer RUNNING); marks PAUSING once. */
    boolean shouldStop() {
        if (stopping || fatal != null) {
            return true;
        }
        DesiredState d = watch.current();
        if (d == DesiredState.RUNNING) {
            pausingMarked = false;
            return false;
        }
        if (d == DesiredState.PAUSED && !pausingMarked) {
            pausingMarked = true;
            setStatus(PipeStatus.PAUSING, "pausing at the next transaction boundary");
        }
        return true;
    }
}
