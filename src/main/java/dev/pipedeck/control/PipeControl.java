package dev.pipedeck.control;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.CatalogException;
import dev.pipedeck.catalog.ConnectionUrl;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.NewPipe;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeLifecycle;
import dev.pipedeck.catalog.PipeLifecycle.Action;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.Redaction;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.SnapshotRangeRepository;
import dev.pipedeck.catalog.SnapshotSettings;
import dev.pipedeck.catalog.WalForecast;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.engine.PipeCredentials;
import dev.pipedeck.engine.ResyncSupport;
import dev.pipedeck.engine.SourceCleanup;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Carries out requests on pipes (create, pause, resume, delete) for the CLI, the console and tests; which request a
 * status allows is {@link PipeLifecycle}'s table, not decided here. Requests only change {@code desired_state} (plus an audit event, in one transaction): the engine moves the
 * status — except for a pipe no engine ever claimed, whose status follows the request directly.
 */
public final class PipeControl {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

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
                    + (dest == null ? "" : " (got '" + Redaction.redactUrl(dest) + "')"));
        }
        ConnectionUrl destination = ConnectionUrl.splitUserInfo(dest);
        for (TableMapping m : spec.tables()) {
            String reserved = TableChange.reservedDestination(m);
            if (reserved != null) {
                throw new IllegalArgumentException(reserved);
            }
        }
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
        PipeStatus shown = PipeLifecycle.shown(p);
        ControlResult judged = judge(p, Action.PAUSE);
        if (judged != null) {
            return judged;
        }
        if (shown == PipeStatus.FAILED) {
            // a failed pipe runs nothing, so pausing it is only a marker: its status follows at once
            return request(p, DesiredState.PAUSED, PipeStatus.PAUSED, actor, "pause", "pause requested by " + actor);
        }
        if (p.status() == PipeStatus.PAUSED || p.status() == PipeStatus.PAUSING) {
            // a resume was requested but not yet carried out (paused, or still pausing): pausing again just withdraws it
            return request(p, DesiredState.PAUSED, null, actor, "pause", "pause requested (withdraws the pending resume)");
        }
        PipeStatus direct = p.everClaimed() ? null : PipeStatus.PAUSED;
        return request(p, DesiredState.PAUSED, direct, actor, "pause", "pause requested by " + actor);
    }

    public ControlResult resume(String name, Actor actor) {
        Pipe p = get(name);
        PipeStatus shown = PipeLifecycle.shown(p);
        ControlResult judged = judge(p, Action.RESUME);
        if (judged != null) {
            return judged;
        }
        if (shown == PipeStatus.FAILED) {
            // resume on FAILED (whether it was meant to run or was paused while failed): the engine retries; the status
            // moves to RESUMING so the retry is visible and the engine tells it apart from the failure it already handled
            if (p.everClaimed() && pipes.resyncs().pending(p.id())) {
                // a resync that failed is not resumed from the new slot into the old tables: it starts over
                return request(p, DesiredState.RUNNING, PipeStatus.RESYNCING, actor, "resume",
                        "retry requested by " + actor + " (the resync that failed starts over)");
            }
            return request(p, DesiredState.RUNNING, p.everClaimed() ? PipeStatus.RESUMING : PipeStatus.SETUP, actor, "resume",
                    "retry requested by " + actor + " (continues from the last confirmed position)");
        }
        if (p.status() != PipeStatus.PAUSED && p.status() != PipeStatus.PAUSING) {
            // a pause was requested but not yet carried out (e.g. status still RUNNING): resuming withdraws it
            return request(p, DesiredState.RUNNING, null, actor, "resume", "resume requested (withdraws the pending pause)");
        }
        if (p.everClaimed() && pipes.tableCopies().any(p.id())) {
            // an edit added tables: the worker copies them first, and the status says so from the request on
            return request(p, DesiredState.RUNNING, PipeStatus.MODIFYING, actor, "resume",
                    "resume requested by " + actor + " (the tables added by the edit are copied first)");
        }
        PipeStatus direct = p.everClaimed() ? null : PipeStatus.SETUP;
        return request(p, DesiredState.RUNNING, direct, actor, "resume", "resume requested by " + actor);
    }

    /** Changes a paused pipe's batch size and/or sync interval (null: unchanged); see {@link #edit(String, PipeEdit, Actor)}. */
    public ControlResult edit(String name, Integer batchSize, Duration syncInterval, Actor actor) {
        return edit(name, PipeEdit.settings(batchSize, syncInterval), actor);
    }

    /**
     * Edits a paused pipe: tables to add (validated against the source like {@code create}), tables to remove, batch
     * size and sync interval. The worker applies the edit when the pipe resumes: it copies only the added tables
     * (status MODIFYING), takes the removed ones out of the publication (their destination tables and counters stay),
     * and closes the first batch on the new settings. The audit event records before → after.
     *
     * @throws IllegalArgumentException when the edit itself is malformed (nothing to change, a non-positive size)
     */
    public ControlResult edit(String name, PipeEdit edit, Actor actor) {
        if (edit.isEmpty()) {
            throw new IllegalArgumentException("nothing to change: give tables to add or remove, a batch size or a sync interval");
        }
        Integer batchSize = edit.batchSize();
        Duration syncInterval = edit.syncInterval();
        if (batchSize != null && batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive (got " + batchSize + ")");
        }
        if (syncInterval != null && (syncInterval.isNegative() || syncInterval.isZero() || syncInterval.toMillis() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("sync interval must be positive and below 24 days (got " + syncInterval + ")");
        }
        Pipe p = get(name);
        ControlResult judged = judge(p, Action.EDIT);
        if (judged != null) {
            return judged;
        }
        TableChange tables = TableChange.of(p.tables(), edit);
        if (tables.refusal() != null) {
            return refused(p, tables.refusal());
        }
        if (!tables.added().isEmpty()) {
            Optional<String> cluster = ResyncSupport.unsupportedAdd(p);
            if (cluster.isPresent()) {
                return refused(p, cluster.get());
            }
            List<String> problems = checks.problems(new PipeSpec(p.name(), credentials().sourceUrl(p),
                    credentials().destinationUrl(p), tables.added(), p.batchSize(), p.syncInterval(), p.snapshotParallelism()));
            if (!problems.isEmpty()) {
                return refused(p, "the tables to add cannot be captured: " + String.join("; ", problems));
            }
        }
        int newSize = batchSize == null ? p.batchSize() : batchSize;
        Duration newInterval = syncInterval == null ? p.syncInterval() : Duration.ofMillis(syncInterval.toMillis());
        List<String> changes = new ArrayList<>(tables.describe());
        if (newSize != p.batchSize()) {
            changes.add(String.format("batch size %,d -> %,d rows", p.batchSize(), newSize));
        }
        if (!newInterval.equals(p.syncInterval())) {
            changes.add("sync interval " + p.syncInterval().toMillis() + " ms -> " + newInterval.toMillis() + " ms");
        }
        if (changes.isEmpty()) {
            return new ControlResult(ControlResult.Outcome.NO_OP, "pipe '" + name + "' already has batch size "
                    + String.format("%,d", newSize) + " and sync interval " + newInterval.toMillis() + " ms", p);
        }
        String applied = tables.added().isEmpty() ? "applied when the pipe resumes"
                : "applied when the pipe resumes: only the added tables are copied, then they stream with the rest";
        String message = "edited by " + actor + ": " + String.join("; ", changes) + " (" + applied + ")";
        if (!pipes.edit(p, tables.after(), tables.added(), tables.removed(), newSize, newInterval, actor, message)) {
            return refused(get(name), "it changed while the edit was made; look again and retry");
        }
        return new ControlResult(ControlResult.Outcome.ACCEPTED, "pipe '" + name + "': " + String.join("; ", changes)
                + " (" + applied + ")", get(name));
    }

    /**
     * Resyncs a whole pipe (allowed while PAUSED or FAILED): its owner drops the old slot, re-creates the publication,
     * copies every table afresh into shadow tables, swaps them in at once and streams from the new slot.
     */
    public ControlResult resync(String name, Actor actor) {
        Pipe p = get(name);
        ControlResult judged = judge(p, Action.RESYNC);
        if (judged != null) {
            return judged;
        }
        Optional<String> unsupported = ResyncSupport.unsupported(p);
        if (unsupported.isPresent()) {
            return refused(p, unsupported.get());
        }
        String message = "resync requested by " + actor + ": new slot, full copy into shadow tables, swapped in when complete";
        if (!pipes.resyncs().request(p, actor, message)) {
            return refused(get(name), "it changed while the request was made; look again and retry");
        }
        return new ControlResult(ControlResult.Outcome.ACCEPTED, "resync requested for pipe '" + name + "'", get(name));
    }

    /**
     * Resyncs one table of a running or paused pipe: its owner copies the table afresh into a shadow table at a
     * consistent point while the other tables keep streaming, writes the table's later changes to both, and swaps the
     * copy in between two batches. A paused pipe does this after it resumes.
     */
    public ControlResult resyncTable(String name, TableRef table, Actor actor) {
        Pipe p = get(name);
        ControlResult judged = judge(p, Action.RESYNC_TABLE);
        if (judged != null) {
            return judged;
        }
        if (p.tables().stream().noneMatch(m -> m.source().equals(table))) {
            return refused(p, "it does not capture table " + table + " (it captures "
                    + String.join(", ", p.tables().stream().map(m -> m.source().toString()).toList()) + ")");
        }
        Optional<String> unsupported = ResyncSupport.unsupported(p);
        if (unsupported.isPresent()) {
            return refused(p, unsupported.get());
        }
        if (pipes.resyncs().pending(p.id())) {
            return refused(p, "a resync of the whole pipe is pending; it copies table " + table + " afresh too");
        }
        if (pipes.tableCopies().any(p.id())) {
            return refused(p, "tables added by an edit are still to be copied; resync a table once they stream");
        }
        String when = PipeLifecycle.shown(p) == PipeStatus.RUNNING ? "now, while the other tables keep streaming"
                : "when the pipe resumes";
        String message = "resync of table " + table + " requested by " + actor + ": copied afresh into a shadow table "
                + "and swapped in when complete (" + when + ")";
        if (!pipes.resyncs().requestTable(p, table, actor, message)) {
            return refused(get(name), "it changed while the request was made (or a resync of the whole pipe is "
                    + "pending); look again and retry");
        }
        return new ControlResult(ControlResult.Outcome.ACCEPTED, "resync of table " + table + " requested for pipe '"
                + name + "' (" + when + ")", get(name));
    }

    /**
     * Sets the WAL the pipe's slot may retain before the source runs out of disk (null: no limit). The forecast uses it
     * when the source has no {@code max_slot_wal_keep_size}; allowed in any status.
     */
    public ControlResult setWalLimit(String name, Long bytes, Actor actor) {
        if (bytes != null && bytes <= 0) {
            throw new IllegalArgumentException("the WAL limit must be positive (got " + bytes + " bytes)");
        }
        Pipe p = get(name);
        String text = bytes == null ? "no WAL limit" : "a WAL limit of " + WalForecast.bytes(bytes);
        pipes.setWalLimit(p, bytes, actor, "set by " + actor + ": " + text);
        return new ControlResult(ControlResult.Outcome.ACCEPTED, "pipe '" + name + "' now has " + text
                + (bytes == null ? "" : " (the forecast uses it when the source has no max_slot_wal_keep_size)"), get(name));
    }

    /** How long the pipe's last full copy (initial or resync) took; empty when not known. */
    public Optional<Duration> lastCopy(String name) {
        return pipes.resyncs().lastCopy(get(name).id());
    }

    /** Deletes a pipe; its owner carries the delete out when a live worker owns it, else this call does. */
    public ControlResult delete(String name, Actor actor) {
        Pipe p = get(name);
        return delete(name, actor, pipes.isOwnedByLiveWorker(p.id()));
    }

    /** A pipe's audit trail, newest first; kept after the pipe is deleted, so a deleted pipe still has one. */
    public List<AuditEvent> history(String name, int limit) {
        List<AuditEvent> events = pipes.audit(name, limit);
        if (events.isEmpty()) {
            get(name); // unknown: say so, with near names
        }
        return events;
    }

    /**
     * Deletes a pipe: the engine that owns it stops it, drops its slot and publication and removes it; when no live
     * worker owns it, this call does that itself (also for a pipe stuck in DELETING). Destination tables are kept.
     */
    public ControlResult delete(String name, Actor actor, boolean ownerAlive) {
        Pipe p = get(name);
        if (ownerAlive) {
            ControlResult judged = judge(p, Action.DELETE);
            if (judged != null) {
                return judged;
            }
            return request(p, DesiredState.DELETED, null, actor, "delete", "delete requested by " + actor);
        }
        if (p.slotCreated()) {
            cleanup.dropSlotAndPublication(p);
        }
        pipes.delete(p, actor, "deleted by " + actor + (p.slotCreated() ? "; slot " + p.slotName() + " and its publication dropped" : ""));
        return new ControlResult(ControlResult.Outcome.ACCEPTED, "pipe '" + name + "' deleted (destination tables kept)", p);
    }

    /** Null when the lifecycle table allows {@code action}; else the no-op or refusal it calls for. */
    private static ControlResult judge(Pipe p, Action action) {
        PipeLifecycle.Verdict v = PipeLifecycle.verdict(p, action);
        return switch (v.kind()) {
            case ALLOWED -> null;
            case ALREADY -> new ControlResult(ControlResult.Outcome.NO_OP,
                    "pipe '" + p.name() + "': " + v.why() + " (status " + p.status() + ")", p);
            case REFUSED -> refused(p, v.why());
        };
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
                "pipe '" + p.name() + "' is " + PipeLifecycle.shown(p) + ": " + why, p);
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
        return "pipedeck_" + base + "_" + HexFormat.of().formatHex(r);
    }

    /** Connection details of a pipe with its passwords opened (never print them). */
    public PipeCredentials credentials() {
        return new PipeCredentials(secrets);
    }
}
