package dev.pipedeck.catalog;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.TableRef;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.Optional;

/**
 * Resyncs of a pipe: the request (status RESYNCING, desired RUNNING, a pending marker and an audit event, in one
 * transaction), the engine's restart from a new slot, and the end of the resync (marker cleared, copy time kept).
 * The pending marker outlives a crash or a failure, so whoever runs the pipe next carries on with the resync rather
 * than streaming from the new slot into the old tables.
 */
public final class ResyncRepository {
    private final DataSource ds;

    public ResyncRepository(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Asks for a resync of the whole pipe. Returns false when the pipe changed meanwhile (its status or desired state
     * is no longer {@code expected}'s).
     */
    public boolean request(Pipe expected, Actor actor, String message) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE pipe SET desired_state = 'RUNNING', "
                        + "status = 'RESYNCING', status_changed_at = now(), status_reason = ? "
                        + "WHERE id = ? AND status = ? AND desired_state = ?")) {
                    ps.setString(1, message);
                    ps.setLong(2, expected.id());
                    ps.setString(3, expected.status().name());
                    ps.setString(4, expected.desiredState().name());
                    if (ps.executeUpdate() != 1) {
                        c.rollback();
                        return false;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO pipe_resync (pipe_id, source_table, pending, "
                        + "requested_at, requested_by) VALUES (?, NULL, true, now(), ?) ON CONFLICT (pipe_id) DO UPDATE "
                        + "SET source_table = NULL, pending = true, requested_at = now(), requested_by = EXCLUDED.requested_by")) {
                    ps.setLong(1, expected.id());
                    ps.setString(2, actor.toString());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM pipe_table_copy WHERE pipe_id = ?")) {
                    ps.setLong(1, expected.id()); // tables added by an edit: the resync copies every table anyway
                    ps.executeUpdate();
                }
                PipeRepository.audit(c, expected.id(), expected.name(), actor, "resync", expected.status().name(),
                        PipeStatus.RESYNCING.name(), message);
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw CatalogException.wrap("request a resync of pipe '" + expected.name() + "'", e);
        }
    }

    /**
     * Asks for a resync of one table of the pipe; the pipe's status stays as it is (a running pipe keeps streaming its
     * other tables, a paused one resyncs the table after it resumes). The owner is woken through the pipe channel.
     * Returns false when the pipe changed meanwhile (status or desired state no longer {@code expected}'s) or a
     * resync of the whole pipe is pending (it copies this table too).
     */
    public boolean requestTable(Pipe expected, TableRef table, Actor actor, String message) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT name FROM pipe WHERE id = ? AND status = ? "
                        + "AND desired_state = ? AND NOT EXISTS (SELECT 1 FROM pipe_resync r WHERE r.pipe_id = pipe.id "
                        + "AND r.pending AND r.source_table IS NULL) FOR UPDATE")) {
                    ps.setLong(1, expected.id());
                    ps.setString(2, expected.status().name());
                    ps.setString(3, expected.desiredState().name());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return false;
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO pipe_resync (pipe_id, source_table, pending, "
                        + "requested_at, requested_by) VALUES (?, ?, true, now(), ?) ON CONFLICT (pipe_id) DO UPDATE "
                        + "SET source_table = EXCLUDED.source_table, pending = true, requested_at = now(), "
                        + "requested_by = EXCLUDED.requested_by")) {
                    ps.setLong(1, expected.id());
                    ps.setString(2, table.quoted());
                    ps.setString(3, actor.toString());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('pipedeck_pipes', ?)")) {
                    ps.setString(1, expected.name());
                    ps.executeQuery().close();
                }
                String status = PipeLifecycle.shown(expected).name();
                PipeRepository.audit(c, expected.id(), expected.name(), actor, "resync", status, status, message);
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw CatalogException.wrap("request a resync of table " + table + " of pipe '" + expected.name() + "'", e);
        }
    }

    /** True while a requested resync of the whole pipe has not been swapped in (a one-table resync: see {@link #pendingTable}). */
    public boolean pending(long pipeId) {
        return !Jdbc.list(ds, "read the pending resync", "SELECT 1 FROM pipe_resync WHERE pipe_id = ? AND pending "
                        + "AND source_table IS NULL", ps -> ps.setLong(1, pipeId), rs -> 1).isEmpty();
    }

    /** The table whose requested resync has not been swapped in yet, if any. */
    public Optional<TableRef> pendingTable(long pipeId) {
        return Jdbc.list(ds, "read the pending table resync", "SELECT source_table FROM pipe_resync WHERE pipe_id = ? "
                        + "AND pending AND source_table IS NOT NULL", ps -> ps.setLong(1, pipeId),
                rs -> TableRef.parse(rs.getString(1))).stream().findFirst();
    }

    /** The table's fresh copy is swapped in: as {@link #finished}, for a one-table resync. */
    public void tableFinished(long pipeId, TableRef table, Duration copy, Actor actor, String message) {
        finish(pipeId, null, actor, message); // the copy time kept is the whole pipe's: the Resync… confirmation quotes it
    }

    /**
     * The resync created a new slot: positions start over at its consistent point — also when that is lower than
     * the old one (a source restored or upgraded) — and the copy is to be done again. Nothing is confirmed from the
     * new slot before its copy is swapped in.
     */
    public void restartFromNewSlot(long pipeId, Lsn consistentPoint) {
        Jdbc.update(ds, "record the new slot", "UPDATE pipe SET slot_created = true, confirmed_lsn = ?, "
                + "snapshot_done = false, consistent_lsn = NULL, consistent_commit_time = NULL WHERE id = ?", ps -> {
                    ps.setLong(1, consistentPoint.value());
                    ps.setLong(2, pipeId);
                });
    }

    /** The fresh copy is swapped in: clears the marker, keeps how long the copy took, and records it in the audit trail. */
    public void finished(long pipeId, Duration copy, Actor actor, String message) {
        finish(pipeId, copy, actor, message);
    }

    private void finish(long pipeId, Duration copy, Actor actor, String message) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                String name;
                String status;
                try (PreparedStatement ps = c.prepareStatement("SELECT name, status FROM pipe WHERE id = ? FOR UPDATE")) {
                    ps.setLong(1, pipeId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return;
                        }
                        name = rs.getString(1);
                        status = rs.getString(2);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE pipe_resync SET pending = false, "
                        + "last_copy_ms = COALESCE(?, last_copy_ms), last_done_at = now() WHERE pipe_id = ?")) {
                    ps.setObject(1, copy == null ? null : copy.toMillis(), Types.BIGINT);
                    ps.setLong(2, pipeId);
                    ps.executeUpdate();
                }
                PipeRepository.audit(c, pipeId, name, actor, "resync", status, status, message);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw CatalogException.wrap("record the end of a resync of pipe " + pipeId, e);
        }
    }

    /**
     * How long the pipe's last full copy took: the last resync's, else the initial copy's (first to last snapshot
     * batch); empty when unknown.
     */
    public Optional<Duration> lastCopy(long pipeId) {
        Optional<Duration> resync = Jdbc.list(ds, "read the last copy time", "SELECT last_copy_ms FROM pipe_resync "
                + "WHERE pipe_id = ? AND last_copy_ms IS NOT NULL", ps -> ps.setLong(1, pipeId),
                rs -> Duration.ofMillis(rs.getLong(1))).stream().findFirst();
        if (resync.isPresent()) {
            return resync;
        }
        return Jdbc.list(ds, "read the initial copy time", "SELECT EXTRACT(EPOCH FROM (max(ended_at) - min(started_at))) "
                        + "* 1000 FROM sync_batch WHERE pipe_id = ? AND kind = 'SNAPSHOT' HAVING count(*) > 0",
                ps -> ps.setLong(1, pipeId), rs -> Duration.ofMillis(Math.round(rs.getDouble(1)))).stream().findFirst();
    }
}
