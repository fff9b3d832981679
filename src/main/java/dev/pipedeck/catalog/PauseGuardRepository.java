package dev.pipedeck.catalog;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The guards of paused pipes ({@code pause_guard}: at most one per pipe). */
public final class PauseGuardRepository {
    private final DataSource ds;

    public PauseGuardRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Sets (replacing any) the guard of a pipe's pause. */
    public void set(PauseGuard g) {
        Jdbc.update(ds, "set the pause guard", "INSERT INTO pause_guard (pipe_id, resume_at, resume_below_seconds, set_by) "
                + "VALUES (?,?,?,?) ON CONFLICT (pipe_id) DO UPDATE SET resume_at = EXCLUDED.resume_at, "
                + "resume_below_seconds = EXCLUDED.resume_below_seconds, set_by = EXCLUDED.set_by, set_at = now()", ps -> {
                    ps.setLong(1, g.pipeId());
                    ps.setTimestamp(2, g.resumeAt() == null ? null : Timestamp.from(g.resumeAt()));
                    if (g.resumeBelow() == null) {
                        ps.setNull(3, Types.BIGINT);
                    } else {
                        ps.setLong(3, g.resumeBelow().toSeconds());
                    }
                    ps.setString(4, g.setBy());
                });
    }

    /** Removes a pipe's guard; true when there was one. */
    public boolean clear(long pipeId) {
        return Jdbc.update(ds, "clear the pause guard", "DELETE FROM pause_guard WHERE pipe_id = ?", ps -> ps.setLong(1, pipeId)) > 0;
    }

    public Optional<PauseGuard> find(long pipeId) {
        List<PauseGuard> l = Jdbc.list(ds, "read the pause guard", "SELECT * FROM pause_guard WHERE pipe_id = ?",
                ps -> ps.setLong(1, pipeId), rs -> {
                    Timestamp at = rs.getTimestamp("resume_at");
                    long below = rs.getLong("resume_below_seconds");
                    Duration b = rs.wasNull() ? null : Duration.ofSeconds(below);
                    return new PauseGuard(rs.getLong("pipe_id"), at == null ? null : at.toInstant(), b, rs.getString("set_by"),
                            rs.getTimestamp("set_at").toInstant());
                });
        return l.stream().findFirst();
    }
}
