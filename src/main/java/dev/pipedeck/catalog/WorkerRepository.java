package dev.pipedeck.catalog;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The worker fleet's registrations and heartbeats ({@code worker}, migration V5). A worker is live while its catalog
 * session holds the advisory lock {@code (WORKER_LOCK_CLASS, lock_key)}: that is read from {@code pg_locks}, so a
 * killed worker drops out at once.
 */
public final class WorkerRepository {
    /** "PDK" + 1; pipes are locked under 5260363. */
    public static final int WORKER_LOCK_CLASS = 5260364;
    private static final String LIVE = "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted "
            + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            + "AND l.classid::bigint = " + WORKER_LOCK_CLASS + " AND l.objid::bigint = w.lock_key AND l.objsubid = 2)";

    private final DataSource ds;

    public WorkerRepository(DataSource ds) {
        this.ds = ds;
    }

    /**
     * The lock key of the worker {@code id}, adding its row when it is new. Changes nothing else: a second process
     * with a running worker's id must not overwrite that worker's registration before it finds the lock taken.
     */
    public int lockKey(String id) {
        Jdbc.update(ds, "register worker '" + id + "'", "INSERT INTO worker (id, host, version) VALUES (?, '', '') "
                + "ON CONFLICT (id) DO NOTHING", ps -> ps.setString(1, id));
        return Jdbc.list(ds, "register worker '" + id + "'", "SELECT lock_key FROM worker WHERE id = ?",
                ps -> ps.setString(1, id), rs -> rs.getInt(1)).get(0);
    }

    /** Records a worker's (re)start, once it holds its lock. */
    public void register(String id, String host, String version, Integer maxPipes) {
        Jdbc.update(ds, "register worker '" + id + "'", "UPDATE worker SET host = ?, version = ?, max_pipes = ?, "
                        + "started_at = now(), heartbeat_at = now(), pipes_held = 0, stopped_at = NULL WHERE id = ?",
                ps -> {
                    ps.setString(1, host);
                    ps.setString(2, version);
                    if (maxPipes == null) {
                        ps.setNull(3, Types.INTEGER);
                    } else {
                        ps.setInt(3, maxPipes);
                    }
                    ps.setString(4, id);
                });
    }

    public void heartbeat(String id, int pipesHeld) {
        Jdbc.update(ds, "write the heartbeat of worker '" + id + "'",
                "UPDATE worker SET heartbeat_at = now(), pipes_held = ?, stopped_at = NULL WHERE id = ?", ps -> {
                    ps.setInt(1, pipesHeld);
                    ps.setString(2, id);
                });
    }

    public void stopped(String id) {
        Jdbc.update(ds, "record that worker '" + id + "' stopped",
                "UPDATE worker SET stopped_at = now(), pipes_held = 0 WHERE id = ?", ps -> ps.setString(1, id));
    }

    /** The {@code max_pipes} of every live worker (null: no limit), by id. */
    public Map<String, Integer> liveCapacities() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        Jdbc.list(ds, "read the live workers", "SELECT w.id, w.max_pipes FROM worker w WHERE " + LIVE,
                Jdbc.Binder.NONE, rs -> {
                    String id = rs.getString(1);
                    int max = rs.getInt(2);
                    out.put(id, rs.wasNull() ? null : max); // wasNull() speaks of the last column read
                    return null;
                });
        return out;
    }

    /**
     * Every registered worker, live ones first, then by id; workers stopped or gone for longer than
     * {@code forgetAfter} are left out.
     */
    public List<WorkerInfo> list(Duration forgetAfter) {
        return Jdbc.list(ds, "list the workers",
                "SELECT w.id, w.host, w.version, w.max_pipes, w.started_at, w.heartbeat_at, w.pipes_held, w.stopped_at, "
                        + LIVE + " AS live, ARRAY(SELECT p.name FROM pipe p WHERE p.owner_worker = w.id ORDER BY p.name), "
                        + "now() FROM worker w WHERE " + LIVE + " OR w.heartbeat_at > now() - ? * interval '1 second' "
                        + "ORDER BY live DESC, w.id",
                ps -> ps.setLong(1, forgetAfter.toSeconds()),
                rs -> {
                    int max = rs.getInt(4);
                    Integer maxPipes = rs.wasNull() ? null : max;
                    Timestamp stopped = rs.getTimestamp(8);
                    boolean live = rs.getBoolean(9);
                    List<String> pipes = new ArrayList<>(Arrays.asList((String[]) rs.getArray(10).getArray()));
                    return new WorkerInfo(rs.getString(1), rs.getString(2), rs.getString(3), maxPipes,
                            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getInt(7),
                            stopped == null ? null : stopped.toInstant(), live, pipes,
                            rs.getTimestamp(11).toInstant());
                });
    }
}
