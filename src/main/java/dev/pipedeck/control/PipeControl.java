package dev.pipedeck.control;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.CatalogException;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.NewPipe;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.SnapshotRangeRepository;
import dev.pipedeck.catalog.SnapshotSettings;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place where the rules for creating, pausing, resuming and deleting pipes live; used by the CLI, the console
 * and tests. Requests only change {@code desired_state} (plus an audit event, in one transaction): the engine moves the
 * status — except for a pipe no engine ever claimed, whose status follows the request directly.
 */
public final class PipeControl {
    static final Set<PipeStatus> PAUSE_FROM = EnumSet.of(PipeStatus.SETUP, PipeStatus.SNAPSHOT, PipeStatus.RUNNING,
            PipeStatus.RESUMING, PipeStatus.FAILED);
    static final Set<PipeStatus> RESUME_FROM = EnumSet.of(PipeStatus.PAUSED, PipeStatus.PAUSING, PipeStatus.FAILED);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    /** Drops a pipe's slot and publication on its source, for a delete that no live worker will carry out. */
    public interface SourceCleanup {
        SourceCleanup NONE = pipe -> { };

        void dropSlotAndPublication(Pipe pipe);
    }

    private final PipeRepository pipes;
    private final SnapshotRangeRepository snapshots;
    private final SecretBox secrets;
    private final PipeChecks checks;
    private final SourceCleanup cleanup;

    public PipeControl(Catalog catalog, SecretBox secrets, PipeChecks checks, SourceCleanup cleanup) {
        this.pipes = new PipeRepository(catalog.dataSource());
        this.snapshots = new SnapshotRangeRepository(catalog.dataSource());
        this.secrets = secrets;
        this.checks = checks;
        this.cleanup = cleanup;
    }

    public PipeRepository repository() {
        return pipes;
    }

    /** Validates and stores a new pipe (status SETUP, desired RUNNING). */
    public Pipe create(PipeSpec spec, Actor actor) {
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            throw new IllegalArgumentException("pipe name '" + spec.name() + "' is not allowed: use 1-63 letters, digits, '_', '-' or '.', starting with a letter or digit");
        }
        if (pipes.find(spec.name()).isPresent()) {
            throw new CatalogException("a pipe named '" + spec.name() + "' already exists");
        }
        if (spec.batchSize() <= 0) {
            throw new IllegalArgumentException("batch size must be positive (got " + spec.batchSize() + ")");
        }
        if (spec.syncInterval().isNegative() || spec.syncInterval().isZero()) {
            throw new IllegalArgumentException("sync interval must be positive (got " + spec.syncInterval() + ")");
        }
        ConnectionUrl source = ConnectionUrl.splitJdbc(spec.sourceUrl());
        String dest = spec.destinationUrl();
        if (dest == null || !(dest.startsWith("clickhouse://") || dest.startsWith("clickhouses://") || dest.startsWith("duckdb:"))) {
            throw new IllegalArgumentException("destination must be clickhouse://user:password@host:8123/database or duckdb:PATH"
                    + (dest == null ? "" : " (got '" + dev.pipedeck.catalog.Redaction.redactUrl(dest) + "')"));
        }
        ConnectionUrl destination = ConnectionUrl.splitUserInfo(dest);
        List<String> problems = checks.problems(spec);
        if (!problems.isEmpty()) {
            throw new PipeChecksFailedException(problems);
        }
        String slot = slotName(spec.name());
        NewPipe p = new NewPipe(spec.name(), source.url(), source.user(), secrets.encrypt(source.password()),
                destination.url(), secrets.encrypt(destination.password()), spec.tables(), spec.batchSize(),
                spec.syncInterval(), spec.snapshotParallelism(), slot, slot, actor.toString());
        Pipe created = pipes.insert(p, actor);
        snapshots.saveSettings(created.id(), spec.snapshot());
        return created;
    }

    /** The pipe's initial-load settings (the defaults for a pipe created before they existed). */
    public SnapshotSettings snapshotSettings(Pipe p) {
        return snapshots.settings(p.id());
    }

    public List<Pipe> list() {
        return pipes.list();
    }

    /** @throws UnknownPipeException with near names */
    public Pipe get(String name) {
        return pipes.find(name).orElseThrow(() -> new UnknownPipeException(name, pipes.list().stream().map(Pipe::name).toList()));
    }

    public ControlResult pause(String name, Actor actor) {
        Pipe p = get(name);
        if (p.desiredState() == DesiredState.PAUSED) {
            return new ControlResult(ControlResult.Outcome.NO_OP, "pipe '" + name + "' is already "
                    + (p.status() == PipeStatus.PAUSED ? "paused" : "pausing (status " + p.status() + ")"), p);
        }
        if (p.desiredState() == DesiredState.DELETED) {
            return refused(p, "it is being deleted");
        }
        if (p.status() == PipeStatus.PAUSED || p.status() == PipeStatus.PAUSING) {
            // a resume was requested but not yet carried out (paused, or still pausing): pausing again just withdraws it
            return request(p, DesiredState.PAUSED, null, actor, "pause", "pause requested (withdraws the pending resume)");
        }
        if (!PAUSE_FROM.contains(p.status())) {
            return refused(p, "pause is possible from Setup, Snapshot, Running, Resuming or Failed");
        }
        // a failed pipe runs nothing, so pausing it is only a marker: its status follows at once
        PipeStatus direct = p.everClaimed() && p.status() != PipeStatus.FAILED ? null : PipeStatus.PAUSED;
        return request(p, DesiredState.PAUSED, direct, actor, "pause", "pause requested by " + actor);
    }

    public ControlResult resume(String name, Actor actor) {
        Pipe p = get(name);
        if (p.desiredState() == DesiredState.RUNNING && p.status() != PipeStatus.FAILED) {
            return new ControlResult(ControlResult.Outcome.NO_OP, "pipe '" + name + "' is already "
                    + (p.status() == PipeStatus.RUNNING ? "running" : "running or starting (status " + p.status() + ")"), p);
        }
        if (p.desiredState() == DesiredState.DELETED) {
            return refused(p, "it is being deleted");
        }
        if (!RESUME_FROM.contains(p.status())) {
            if (p.desiredState() == DesiredState.PAUSED) {
                // a pause was requested but not yet carried out (e.g. status still RUNNING): resuming withdraws it
                return request(p, DesiredState.RUNNING, null, actor, "resume", "resume requested (withdraws the pending pause)");
            }
            return refused(p, "resume is possible from Paused, Pausing or Failed");
        }
        PipeStatus direct = p.everClaimed() ? null : PipeStatus.SETUP;
        String msg = p.status() == PipeStatus.FAILED ? "retry requested by " + actor + " (continues from the last confirmed position)"
                : "resume requested by " + actor;
        if (p.status() == PipeStatus.FAILED) {
            // resume on FAILED (whether it was meant to run or was paused while failed): the engine retries; the status
            // moves to RESUMING so the retry is visible and the engine tells it apart from the failure it already handled
            return request(p, DesiredState.RUNNING, p.everClaimed() ? PipeStatus.RESUMING : PipeStatus.SETUP, actor, "resume", msg);
        }
        return request(p, DesiredState.RUNNING, direct, actor, "resume", msg);
    }

    /**
     * Deletes a pipe: the engine that owns it stops it, drops its slot and publication and removes it; when no live
     * worker owns it, this call does that itself. Destination tables are kept.
     */
    public ControlResult delete(String name, Actor actor, boolean ownerAlive) {
        Pipe p = get(name);
        if (ownerAlive) {
            if (p.desiredState() == DesiredState.DELETED) {
                return new ControlResult(ControlResult.Outcome.NO_OP, "pipe '" + name + "' is already being deleted", p);
            }
            return request(p, DesiredState.DELETED, null, actor, "delete", "delete requested by " + actor);
        }
        if (p.slotCreated()) {
            cleanup.dropSlotAndPublication(p);
        }
        pipes.delete(p, actor, "deleted by " + actor + (p.slotCreated() ? "; slot " + p.slotName() + " and its publication dropped" : ""));
        return new ControlResult(ControlResult.Outcome.ACCEPTED, "pipe '" + name + "' deleted (destination tables kept)", p);
    }

    private ControlResult request(Pipe p, DesiredState desired, PipeStatus direct, Actor actor, String action, String message) {
        if (!pipes.requestState(p, desired, direct, actor, action, message)) {
            Pipe now = get(p.name());
            return refused(now, "it changed while the request was made; look again and retry");
        }
        return new ControlResult(ControlResult.Outcome.ACCEPTED, action + " requested for pipe '" + p.name() + "'", get(p.name()));
    }

    private static ControlResult refused(Pipe p, String why) {
        return new ControlResult(ControlResult.Outcome.REFUSED,
                "pipe '" + p.name() + "' is " + p.status() + ": " + why, p);
    }

    /**
     * A valid replication slot name for a new pipe ({@code [a-z0-9_]}, at most 63 characters). Slot names are global to
     * a Postgres server, and other catalogs may run pipes of the same name against it, so the name ends in random
     * hex: a slot that already has a pipe's name can only be that pipe's own (see the engine's setup).
     */
    public static String slotName(String pipeName) {
        String base = pipeName.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        byte[] r = new byte[5];
        RANDOM.nextBytes(r);
        return "pipedeck_" + base + "_" + java.util.HexFormat.of().formatHex(r);
    }

    /** Connection details of a pipe with its passwords opened (never print them). */
    public PipeCredentials credentials() {
        return new PipeCredentials(secrets);
    }
}
