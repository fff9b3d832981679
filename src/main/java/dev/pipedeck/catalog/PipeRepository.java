package dev.pipedeck.catalog;

import dev.pipedeck.change.TableRef;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pipes, their desired state and status, and the audit trail of every change to them. */
public final class PipeRepository {
    private final DataSource ds;

    public PipeRepository(DataSource ds) {
        this.ds = ds;
    }

    /** The resyncs of the pipes in this catalog. */
    public ResyncRepository resyncs() {
        return new ResyncRepository(ds);
    }

    public Pipe insert(NewPipe p, Actor actor) {
        String sql = "INSERT INTO pipe (name, source_url, source_user, source_password_enc, destination_url, "
                + "destination_password_enc, tables, batch_size, sync_interval_ms, snapshot_parallelism, slot_name, "
                + "publication_name, created_by) VALUES (?,?,?,?,?,?,?::jsonb,?,?,?,?,?,?) RETURNING id";
        long id;
        try {
            id = Jdbc.transaction(ds, "create pipe '" + p.name() + "'", c -> {
                long created;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, p.name());
                    ps.setString(2, p.sourceUrl());
                    ps.setString(3, p.sourceUser());
                    ps.setString(4, p.sourcePasswordEnc());
                    ps.setString(5, p.destinationUrl());
                    ps.setString(6, p.destinationPasswordEnc());
                    ps.setString(7, tablesJson(p.tables()));
                    ps.setInt(8, p.batchSize());
                    ps.setLong(9, p.syncInterval().toMillis());
                    ps.setInt(10, p.snapshotParallelism());
                    ps.setString(11, p.slotName());
                    ps.setString(12, p.publicationName());
                    ps.setString(13, p.createdBy());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        created = rs.getLong(1);
                    }
                }
                insertCounters(c, created, p.tables());
                audit(c, created, p.name(), actor, "create", null, PipeStatus.SETUP.name(), "created with tables " + TableMapping.format(p.tables()));
                return created;
            });
        } catch (CatalogException e) {
            if (e.getCause() instanceof SQLException sql23505 && "23505".equals(sql23505.getSQLState())) {
                throw new CatalogException("a pipe named '" + p.name() + "' already exists (or its slot name is taken)");
            }
            throw e;
        }
        return find(id).orElseThrow();
    }

    /** Counters for tables a pipe starts capturing; a table captured before keeps its counts: history goes on. */
    private static void insertCounters(Connection c, long pipeId, List<TableMapping> tables) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO table_counter (pipe_id, source_table, destination_table) "
                + "VALUES (?,?,?) ON CONFLICT (pipe_id, source_table) DO UPDATE SET destination_table = EXCLUDED.destination_table")) {
            for (TableMapping m : tables) {
                ps.setLong(1, pipeId);
                ps.setString(2, m.source().toString());
                ps.setString(3, m.destination());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<Pipe> find(String name) {
        return one("SELECT * FROM pipe WHERE name = ?", ps -> ps.setString(1, name));
    }

    public Optional<Pipe> find(long id) {
        return one("SELECT * FROM pipe WHERE id = ?", ps -> ps.setLong(1, id));
    }

    public List<Pipe> list() {
        return Jdbc.list(ds, "list pipes", "SELECT * FROM pipe ORDER BY name", Jdbc.Binder.NONE, PipeRepository::map);
    }

    /**
     * Sets the desired state (and, where no engine ever claimed the pipe, the status) and appends an audit event,
     * in one transaction. Returns false when the pipe changed meanwhile (its status is no longer {@code expectedStatus}).
     */
    public boolean requestState(Pipe pipe, DesiredState desired, PipeStatus newStatus, Actor actor, String action, String message) {
        return Jdbc.transaction(ds, action + " pipe '" + pipe.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE pipe SET desired_state = ?, status = COALESCE(?, status), "
                            + "status_changed_at = CASE WHEN ? IS NULL OR ? = status THEN status_changed_at ELSE now() END, "
                            + "status_reason = CASE WHEN ? IS NULL THEN status_reason ELSE ? END "
                            + "WHERE id = ? AND status = ? AND desired_state = ?")) {
                String st = newStatus == null ? null : newStatus.name();
                ps.setString(1, desired.name());
                ps.setString(2, st);
                ps.setString(3, st);
                ps.setString(4, st);
                ps.setString(5, st);
                ps.setString(6, message);
                ps.setLong(7, pipe.id());
                ps.setString(8, pipe.status().name());
                ps.setString(9, pipe.desiredState().name());
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            // "to" is the status the request shows at once (e.g. RUNNING → PAUSING), as History lists it
            audit(c, pipe.id(), pipe.name(), actor, action, pipe.status().name(),
                    (newStatus == null ? PipeLifecycle.shown(pipe.status(), desired) : newStatus).name(), message);
            return true;
        });
    }

    /**
     * The engine moves a pipe's status (with a reason and an audit event). A change of reason alone is written
     * without an audit event (e.g. "retrying: ... (attempt 3)").
     */
    public void updateStatus(long pipeId, PipeStatus to, String reason, Actor actor) {
        Jdbc.transaction(ds, "update the status of pipe " + pipeId, c -> {
            Jdbc.LockedPipe locked = Jdbc.lockPipe(c, pipeId);
            if (locked == null) {
                return null;
            }
            boolean changed = !locked.status().equals(to.name());
            try (PreparedStatement ps = c.prepareStatement("UPDATE pipe SET status = ?, status_reason = ?, "
                    + "status_changed_at = CASE WHEN ? THEN now() ELSE status_changed_at END WHERE id = ?")) {
                ps.setString(1, to.name());
                ps.setString(2, reason);
                ps.setBoolean(3, changed);
                ps.setLong(4, pipeId);
                ps.executeUpdate();
            }
            if (changed) {
                audit(c, pipeId, locked.name(), actor, "status", locked.status(), to.name(), reason);
            }
            return null;
        });
    }

    /** Sets (null: clears) the WAL limit the forecast uses when the source has no max_slot_wal_keep_size, audited. */
    public void setWalLimit(Pipe pipe, Long bytes, Actor actor, String message) {
        Jdbc.transaction(ds, "set the WAL limit of pipe '" + pipe.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pipe SET wal_limit_bytes = ? WHERE id = ?")) {
                ps.setObject(1, bytes, Types.BIGINT);
                ps.setLong(2, pipe.id());
                ps.executeUpdate();
            }
            audit(c, pipe.id(), pipe.name(), actor, "wal-limit", pipe.status().name(), pipe.status().name(), message);
            return null;
        });
    }

    /**
     * Changes a paused pipe's batch size and sync interval, with an audit event, in one transaction. Returns false when
     * the pipe changed meanwhile (its status, desired state or settings are no longer those of {@code expected}).
     */
    public boolean updateSettings(Pipe expected, int batchSize, Duration syncInterval, Actor actor, String message) {
        return edit(expected, expected.tables(), List.of(), List.of(), batchSize, syncInterval, actor, message);
    }

    /**
     * Applies an edit of a paused pipe in one transaction: its tables become {@code tables} (the added ones get a
     * counter and a pending copy — {@link TableCopyRepository} —, the removed ones lose a pending copy; destination
     * tables and counters of removed tables stay as history), its batch settings are set, and one audit event records
     * {@code message}. Returns false when the pipe changed meanwhile (status, desired state, tables or settings no
     * longer {@code expected}'s).
     */
    public boolean edit(Pipe expected, List<TableMapping> tables, List<TableMapping> added, List<TableRef> removed,
                        int batchSize, Duration syncInterval, Actor actor, String message) {
        return Jdbc.transaction(ds, "edit pipe '" + expected.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pipe SET batch_size = ?, sync_interval_ms = ?, "
                    + "tables = ?::jsonb WHERE id = ? AND status = ? AND desired_state = ? AND batch_size = ? "
                    + "AND sync_interval_ms = ? AND tables = ?::jsonb")) {
                ps.setInt(1, batchSize);
                ps.setLong(2, syncInterval.toMillis());
                ps.setString(3, tablesJson(tables));
                ps.setLong(4, expected.id());
                ps.setString(5, expected.status().name());
                ps.setString(6, expected.desiredState().name());
                ps.setInt(7, expected.batchSize());
                ps.setLong(8, expected.syncInterval().toMillis());
                ps.setString(9, tablesJson(expected.tables()));
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            if (!added.isEmpty()) {
                insertCounters(c, expected.id(), added);
                try (PreparedStatement copy = c.prepareStatement("INSERT INTO pipe_table_copy (pipe_id, source_table, "
                        + "destination_table, requested_by) VALUES (?,?,?,?) ON CONFLICT (pipe_id, source_table) "
                        + "DO UPDATE SET destination_table = EXCLUDED.destination_table, requested_at = now(), "
                        + "requested_by = EXCLUDED.requested_by")) {
                    for (TableMapping m : added) {
                        copy.setLong(1, expected.id());
                        copy.setString(2, m.source().quoted());
                        copy.setString(3, m.destination());
                        copy.setString(4, actor.toString());
                        copy.addBatch();
                    }
                    copy.executeBatch();
                }
            }
            if (!removed.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM pipe_table_copy WHERE pipe_id = ? AND source_table = ?")) {
                    for (TableRef t : removed) {
                        ps.setLong(1, expected.id());
                        ps.setString(2, t.quoted());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            audit(c, expected.id(), expected.name(), actor, "edit", expected.status().name(), expected.status().name(), message);
            return true;
        });
    }

    /** The tables added by an edit that still wait for their copy. */
    public TableCopyRepository tableCopies() {
        return new TableCopyRepository(ds);
    }

    /** Records the last error (shown with its reason and suggested fix); {@code null} clears it. */
    public void recordError(long pipeId, String error) {
        update("record an error", "UPDATE pipe SET last_error = ?, last_error_at = CASE WHEN ? IS NULL THEN last_error_at ELSE now() END WHERE id = ?",
                ps -> {
                    ps.setString(1, error);
                    ps.setString(2, error);
                    ps.setLong(3, pipeId);
                });
    }

    public void markSlotCreated(long pipeId, long consistentPoint) {
        update("record the slot", "UPDATE pipe SET slot_created = true, confirmed_lsn = GREATEST(confirmed_lsn, ?) WHERE id = ?", ps -> {
            ps.setLong(1, consistentPoint);
            ps.setLong(2, pipeId);
        });
    }

    public void markSnapshotDone(long pipeId) {
        update("record the snapshot", "UPDATE pipe SET snapshot_done = true WHERE id = ?", ps -> ps.setLong(1, pipeId));
    }

    /** Sets "consistent as of" (the last complete source transaction in the destination) when the pipe pauses. */
    public void recordConsistentAsOf(long pipeId, long lsn, Instant commitTime) {
        update("record consistent-as-of", "UPDATE pipe SET consistent_lsn = ?, consistent_commit_time = ? WHERE id = ?", ps -> {
            ps.setLong(1, lsn);
            ps.setTimestamp(2, commitTime == null ? null : Timestamp.from(commitTime));
            ps.setLong(3, pipeId);
        });
    }

    /** The owner of a pipe (a worker id) or null when released. */
    public void setOwner(long pipeId, String worker) {
        update("record the pipe's owner", "UPDATE pipe SET owner_worker = ?, owner_since = now(), "
                + "ever_claimed = ever_claimed OR ? IS NOT NULL WHERE id = ?", ps -> {
            ps.setString(1, worker);
            ps.setString(2, worker);
            ps.setLong(3, pipeId);
        });
    }

    /**
     * Whether a live worker holds this pipe: the engine takes the session-level advisory lock
     * {@code pg_try_advisory_lock(5260363, pipeId)} (5260363 = 0x50444B, "PDK") while it owns a pipe, and Postgres drops
     * it when that session dies, so the lock is a liveness signal that {@code owner_worker} cannot be.
     */
    public boolean isOwnedByLiveWorker(long pipeId) {
        return ownedByLiveWorkers().contains(pipeId);
    }

    /** Ids of the pipes a live worker holds (see {@link #isOwnedByLiveWorker}). */
    public java.util.Set<Long> ownedByLiveWorkers() {
        return new java.util.HashSet<>(Jdbc.list(ds, "read which pipes live workers own",
                "SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND granted "
                        + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                        + "AND classid::bigint = 5260363 AND objsubid = 2", Jdbc.Binder.NONE, rs -> rs.getLong(1)));
    }

    /** Removes the pipe (its batches, counters and samples go with it); the audit trail keeps the record. */
    public void delete(Pipe pipe, Actor actor, String message) {
        Jdbc.transaction(ds, "delete pipe '" + pipe.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pipe WHERE id = ?")) {
                ps.setLong(1, pipe.id());
                ps.executeUpdate();
            }
            audit(c, pipe.id(), pipe.name(), actor, "delete", pipe.status().name(), null, message);
            return null;
        });
    }

    public List<AuditEvent> audit(String pipeName, int limit) {
        return Jdbc.list(ds, "read the audit trail", "SELECT * FROM audit_event WHERE pipe_name = ? ORDER BY at DESC, id DESC LIMIT ?",
                ps -> {
                    ps.setString(1, pipeName);
                    ps.setInt(2, limit);
                },
                rs -> new AuditEvent(rs.getLong("id"), rs.getString("pipe_name"), rs.getTimestamp("at").toInstant(),
                        new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_user"), rs.getString("actor_host")),
                        rs.getString("action"), rs.getString("from_state"), rs.getString("to_state"), rs.getString("message")));
    }

    static void audit(Connection c, long pipeId, String pipeName, Actor actor, String action, String from, String to,
                      String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (pipe_id, pipe_name, actor_kind, actor_user, "
                + "actor_host, action, from_state, to_state, message) VALUES (?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, pipeId);
            ps.setString(2, pipeName);
            ps.setString(3, actor.kind().name());
            ps.setString(4, actor.user());
            ps.setString(5, actor.host());
            ps.setString(6, action);
            ps.setString(7, from);
            ps.setString(8, to);
            ps.setString(9, message);
            ps.executeUpdate();
        }
    }

    private void update(String doing, String sql, Jdbc.Binder binder) {
        Jdbc.update(ds, doing, sql, binder);
    }

    private Optional<Pipe> one(String sql, Jdbc.Binder binder) {
        return Jdbc.list(ds, "read a pipe", sql, binder, PipeRepository::map).stream().findFirst();
    }

    static String tablesJson(List<TableMapping> tables) {
        List<Object> list = new ArrayList<>();
        for (TableMapping m : tables) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("schema", m.source().schema());
            o.put("table", m.source().name());
            o.put("destination", m.destination());
            list.add(o);
        }
        return Json.write(list);
    }

    @SuppressWarnings("unchecked")
    static List<TableMapping> parseTables(String json) {
        List<TableMapping> out = new ArrayList<>();
        for (Object o : (List<Object>) Json.parse(json)) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(new TableMapping(new TableRef((String) m.get("schema"), (String) m.get("table")), (String) m.get("destination")));
        }
        return out;
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    static Pipe map(ResultSet rs) throws SQLException {
        long consistent = rs.getLong("consistent_lsn");
        Long consistentLsn = rs.wasNull() ? null : consistent;
        return new Pipe(rs.getLong("id"), rs.getString("name"), rs.getString("source_url"), rs.getString("source_user"),
                rs.getString("source_password_enc"), rs.getString("destination_url"), rs.getString("destination_password_enc"),
                parseTables(rs.getString("tables")), rs.getInt("batch_size"), Duration.ofMillis(rs.getLong("sync_interval_ms")),
                rs.getInt("snapshot_parallelism"), rs.getString("slot_name"), rs.getString("publication_name"),
                DesiredState.valueOf(rs.getString("desired_state")), PipeStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), instant(rs, "status_changed_at"), rs.getString("last_error"),
                instant(rs, "last_error_at"), rs.getBoolean("slot_created"), rs.getBoolean("snapshot_done"),
                rs.getLong("confirmed_lsn"), consistentLsn, instant(rs, "consistent_commit_time"), rs.getLong("rows_synced"),
                instant(rs, "last_synced_at"), rs.getString("owner_worker"), instant(rs, "owner_since"),
                rs.getBoolean("ever_claimed"), instant(rs, "created_at"), rs.getString("created_by"));
    }

    /** The per-table floors of the pipes in this catalog (tables copied at a point of their own). */
    public TableFloorRepository tableFloors() {
        return new TableFloorRepository(ds);
    }
}
