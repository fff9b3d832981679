package dev.pipedeck.catalog;

import dev.pipedeck.change.Lsn;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** True while a requested resync of the whole pipe has not been swapped in. */
    public boolean pending(long pipeId) {
        return !Jdbc.list(ds, "read the pending resync", "SELECT 1 FROM pipe_resync WHERE pipe_id = ? AND pending",
                ps -> ps.setLong(1, pipeId), rs -> 1).isEmpty();
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
                try (PreparedStatement ps = c.prepareStatement("UPDATE pipe_resync SET pending = false, last_copy_ms = ?, "
                        + "last_done_at = now() WHERE pipe_id = ?")) {
                    ps.setLong(1, copy.toMillis());
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

    /** TEMPORARY STAND-IN until the lead's request side is merged. */
    public Optional<dev.pipedeck.change.TableRef> pendingTable(long pipeId) {
        return Optional.empty();
    }

    /** TEMPORARY STAND-IN until the lead's request side is merged. */
    public void tableFinished(long pipeId, dev.pipedeck.change.TableRef table, Duration copy, Actor actor, String message) {
    }
}
