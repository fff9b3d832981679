package dev.pipedeck.catalog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sync batches, per-table counters and replication-slot samples. */
public final class MetricsRepository {
    private final DataSource ds;

    public MetricsRepository(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Records a batch the destination already has: the batch row, per-table counters, the pipe's totals, and its
     * confirmed position (only ever moved forward). One transaction. Returns the batch id.
     */
    public long recordBatch(SyncBatch b) {
        return recordBatch(b, b.kind() == SyncBatch.Kind.CDC ? b.endLsn() : null);
    }

    /**
     * As {@link #recordBatch(SyncBatch)}, with the position to record as confirmed given explicitly: the end of the
     * last complete source transaction in the batch, or null when the batch holds only part of a transaction.
     */
    public long recordBatch(SyncBatch b, Long confirmLsn) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                TableCounts t = b.totals();
                Map<String, Object> byTable = new LinkedHashMap<>();
                b.byTable().forEach((k, v) -> byTable.put(k, List.of(v.inserts(), v.updates(), v.deletes(), v.snapshotRows())));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_batch (pipe_id, kind, start_lsn, end_lsn, "
                        + "started_at, ended_at, rows_inserted, rows_updated, rows_deleted, rows_by_table) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?::jsonb) RETURNING id")) {
                    ps.setLong(1, b.pipeId());
                    ps.setString(2, b.kind().name());
                    ps.setLong(3, b.startLsn());
                    ps.setLong(4, b.endLsn());
                    ps.setTimestamp(5, Timestamp.from(b.startedAt()));
                    ps.setTimestamp(6, Timestamp.from(b.endedAt()));
                    ps.setLong(7, t.inserts() + t.snapshotRows());
                    ps.setLong(8, t.updates());
                    ps.setLong(9, t.deletes());
                    ps.setString(10, Json.write(byTable));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE table_counter SET inserts = inserts + ?, "
                        + "updates = updates + ?, deletes = deletes + ?, snapshot_rows = snapshot_rows + ? "
                        + "WHERE pipe_id = ? AND source_table = ?")) {
                    for (Map.Entry<String, TableCounts> e : b.byTable().entrySet()) {
                        ps.setLong(1, e.getValue().inserts());
                        ps.setLong(2, e.getValue().updates());
                        ps.setLong(3, e.getValue().deletes());
                        ps.setLong(4, e.getValue().snapshotRows());
                        ps.setLong(5, b.pipeId());
                        ps.setString(6, e.getKey());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE pipe SET rows_synced = rows_synced + ?, "
                        + "last_synced_at = ?, confirmed_lsn = GREATEST(confirmed_lsn, ?), "
                        + "consistent_lsn = CASE WHEN ?::bigint IS NULL THEN consistent_lsn ELSE GREATEST(COALESCE(consistent_lsn, 0), ?) END, "
                        + "consistent_commit_time = CASE WHEN ?::bigint IS NULL OR ? < COALESCE(consistent_lsn, 0) "
                        + "THEN consistent_commit_time ELSE ? END WHERE id = ?")) {
                    ps.setLong(1, t.total());
                    ps.setTimestamp(2, Timestamp.from(b.endedAt()));
                    ps.setLong(3, confirmLsn == null ? 0 : confirmLsn);
                    setLong(ps, 4, b.commitLsn());
                    setLong(ps, 5, b.commitLsn());
                    setLong(ps, 6, b.commitLsn());
                    setLong(ps, 7, b.commitLsn());
                    ps.setTimestamp(8, b.commitTime() == null ? null : Timestamp.from(b.commitTime()));
                    ps.setLong(9, b.pipeId());
                    ps.executeUpdate();
                }
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw CatalogException.wrap("record a sync batch", e);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null || v.isNaN() || v.isInfinite()) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    /** The WAL limit set for a pipe (used for the forecast when the source sets no max_slot_wal_keep_size), or null. */
    public Long walLimit(long pipeId) {
        List<Long> l = Jdbc.list(ds, "read the pipe's WAL limit", "SELECT wal_limit_bytes FROM pipe WHERE id = ?",
                ps -> ps.setLong(1, pipeId), rs -> nLong(rs, "wal_limit_bytes"));
        return l.isEmpty() ? null : l.get(0);
    }

    /** How many batches of each kind (SNAPSHOT, CDC) a pipe has recorded. */
    public Map<SyncBatch.Kind, Long> batchCounts(long pipeId) {
        Map<SyncBatch.Kind, Long> out = new LinkedHashMap<>();
        for (SyncBatch.Kind k : SyncBatch.Kind.values()) {
            out.put(k, 0L);
        }
        Jdbc.list(ds, "count sync batches", "SELECT kind, count(*) FROM sync_batch WHERE pipe_id = ? GROUP BY kind",
                ps -> ps.setLong(1, pipeId), rs -> out.put(SyncBatch.Kind.valueOf(rs.getString(1)), rs.getLong(2)));
        return out;
    }

    /** The most recent batches, newest first. */
    public List<SyncBatch> recentBatches(long pipeId, int limit) {
        return Jdbc.list(ds, "read sync batches", "SELECT * FROM sync_batch WHERE pipe_id = ? ORDER BY id DESC LIMIT ?", ps -> {
            ps.setLong(1, pipeId);
            ps.setInt(2, limit);
        }, MetricsRepository::mapBatch);
    }

    /** Batches that ended at or after {@code since}, oldest first (for throughput charts). */
    public List<SyncBatch> batchesSince(long pipeId, Instant since) {
        return Jdbc.list(ds, "read sync batches", "SELECT * FROM sync_batch WHERE pipe_id = ? AND ended_at >= ? ORDER BY id", ps -> {
            ps.setLong(1, pipeId);
            ps.setTimestamp(2, Timestamp.from(since));
        }, MetricsRepository::mapBatch);
    }

    @SuppressWarnings("unchecked")
    private static SyncBatch mapBatch(ResultSet rs) throws SQLException {
        Map<String, TableCounts> byTable = new LinkedHashMap<>();
        Map<String, Object> json = (Map<String, Object>) Json.parse(rs.getString("rows_by_table"));
        json.forEach((k, v) -> {
            List<Object> l = (List<Object>) v;
            byTable.put(k, new TableCounts(((Number) l.get(0)).longValue(), ((Number) l.get(1)).longValue(),
                    ((Number) l.get(2)).longValue(), ((Number) l.get(3)).longValue()));
        });
        SyncBatch.Kind kind = SyncBatch.Kind.valueOf(rs.getString("kind"));
        return new SyncBatch(rs.getLong("id"), rs.getLong("pipe_id"), kind, rs.getLong("start_lsn"), rs.getLong("end_lsn"),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("ended_at").toInstant(), byTable, null, null);
    }

    public List<TableCounter> tableCounters(long pipeId) {
        return Jdbc.list(ds, "read table counters", "SELECT * FROM table_counter WHERE pipe_id = ? ORDER BY source_table",
                ps -> ps.setLong(1, pipeId),
                rs -> new TableCounter(rs.getString("source_table"), rs.getString("destination_table"),
                        new TableCounts(rs.getLong("inserts"), rs.getLong("updates"), rs.getLong("deletes"), rs.getLong("snapshot_rows")),
                        rs.getLong("snapshot_estimated"), rs.getBoolean("snapshot_done")));
    }

    public void recordSlotSample(SlotSampleRow s) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO slot_sample (pipe_id, at, slot_exists, active, retained_wal_bytes, "
                     + "backlog_bytes, wal_status, safe_wal_size_bytes, max_slot_wal_keep_size_bytes, current_lsn, confirmed_lsn, restart_lsn, "
                     + "lag_seconds, wal_rate_bytes_per_second, wal_budget_bytes, forecast_seconds, wal_dir_bytes) "
                     + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, s.pipeId());
            ps.setTimestamp(2, Timestamp.from(s.at()));
            ps.setBoolean(3, s.slotExists());
            ps.setBoolean(4, s.active());
            setLong(ps, 5, s.retainedWalBytes());
            setLong(ps, 6, s.backlogBytes());
            ps.setString(7, s.walStatus());
            setLong(ps, 8, s.safeWalSizeBytes());
            setLong(ps, 9, s.maxSlotWalKeepSizeBytes());
            setLong(ps, 10, s.currentLsn());
            setLong(ps, 11, s.confirmedLsn());
            setLong(ps, 12, s.restartLsn());
            setDouble(ps, 13, s.lagSeconds());
            setDouble(ps, 14, s.walRateBytesPerSecond());
            setLong(ps, 15, s.walBudgetBytes());
            setDouble(ps, 16, s.forecastSeconds());
            setLong(ps, 17, s.walDirBytes());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw CatalogException.wrap("record a slot sample", e);
        }
    }

    /** Samples of one pipe since a time, oldest first. */
    public List<SlotSampleRow> slotSamples(long pipeId, Instant since) {
        return Jdbc.list(ds, "read slot samples", "SELECT * FROM slot_sample WHERE pipe_id = ? AND at >= ? ORDER BY at", ps -> {
            ps.setLong(1, pipeId);
            ps.setTimestamp(2, Timestamp.from(since));
        }, MetricsRepository::mapSample);
    }

    /** The newest sample of every pipe that has one, by pipe id. */
    public Map<Long, SlotSampleRow> latestSlotSamples() {
        Map<Long, SlotSampleRow> out = new HashMap<>();
        Jdbc.list(ds, "read slot samples", "SELECT DISTINCT ON (pipe_id) * FROM slot_sample ORDER BY pipe_id, at DESC",
                Jdbc.Binder.NONE, MetricsRepository::mapSample).forEach(s -> out.put(s.pipeId(), s));
        return out;
    }

    /**
     * Bounded retention: samples older than 24 h are removed; between 1 h and 24 h one sample per minute is kept.
     */
    public int pruneSlotSamples() {
        try (Connection c = ds.getConnection(); PreparedStatement del = c.prepareStatement(
                "DELETE FROM slot_sample WHERE at < now() - interval '24 hours'");
             PreparedStatement thin = c.prepareStatement(
                     "DELETE FROM slot_sample s WHERE at < now() - interval '1 hour' AND EXISTS ("
                             + "SELECT 1 FROM slot_sample o WHERE o.pipe_id = s.pipe_id "
                             + "AND date_trunc('minute', o.at) = date_trunc('minute', s.at) AND o.at < s.at)")) {
            return del.executeUpdate() + thin.executeUpdate();
        } catch (SQLException e) {
            throw CatalogException.wrap("prune slot samples", e);
        }
    }

    private static Long nLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static SlotSampleRow mapSample(ResultSet rs) throws SQLException {
        return new SlotSampleRow(rs.getLong("pipe_id"), rs.getTimestamp("at").toInstant(), rs.getBoolean("slot_exists"),
                rs.getBoolean("active"), nLong(rs, "retained_wal_bytes"), nLong(rs, "backlog_bytes"), rs.getString("wal_status"),
                nLong(rs, "safe_wal_size_bytes"), nLong(rs, "max_slot_wal_keep_size_bytes"), nLong(rs, "current_lsn"),
                nLong(rs, "confirmed_lsn"), nLong(rs, "restart_lsn"), nDouble(rs, "lag_seconds"),
                nDouble(rs, "wal_rate_bytes_per_second"), nLong(rs, "wal_budget_bytes"), nDouble(rs, "forecast_seconds"),
                nLong(rs, "wal_dir_bytes"));
    }

    private static Double nDouble(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }
}
