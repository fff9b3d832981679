package dev.pipedeck.catalog;

import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.SnapshotRange;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The plan of a pipe's initial copy and which ranges are done, so a paused snapshot continues where it stopped. Tables
 * are stored as {@link StoredTableName} writes them (quoted), so a range reads back as its table whatever the name
 * holds; the per-table figures in {@code table_counter} stay keyed by {@code schema.name}.
 */
public final class SnapshotRangeRepository {
    private final DataSource ds;

    public SnapshotRangeRepository(DataSource ds) {
        this.ds = ds;
    }

    /** Stores a pipe's snapshot settings (replacing earlier ones). */
    public void saveSettings(long pipeId, SnapshotSettings s) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO snapshot_settings (pipe_id, rows_per_partition, "
                     + "readers_per_table, tables_in_parallel) VALUES (?,?,?,?) ON CONFLICT (pipe_id) DO UPDATE SET "
                     + "rows_per_partition = EXCLUDED.rows_per_partition, readers_per_table = EXCLUDED.readers_per_table, "
                     + "tables_in_parallel = EXCLUDED.tables_in_parallel")) {
            ps.setLong(1, pipeId);
            ps.setLong(2, s.rowsPerPartition());
            ps.setInt(3, s.readersPerTable());
            ps.setInt(4, s.tablesInParallel());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw CatalogException.wrap("store the snapshot settings", e);
        }
    }

    /** A pipe's snapshot settings; the defaults when none were stored. */
    public SnapshotSettings settings(long pipeId) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT rows_per_partition, readers_per_table, tables_in_parallel "
                     + "FROM snapshot_settings WHERE pipe_id = ?")) {
            ps.setLong(1, pipeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new SnapshotSettings(rs.getLong(1), rs.getInt(2), rs.getInt(3)) : SnapshotSettings.defaults();
            }
        } catch (SQLException e) {
            throw CatalogException.wrap("read the snapshot settings", e);
        }
    }

    /** Stores the plan (replacing any earlier one) and the estimated rows per table. */
    public void savePlan(long pipeId, List<SnapshotRange> ranges) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM snapshot_range WHERE pipe_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO snapshot_range (pipe_id, source_table, range_index, "
                         + "lower_bound, upper_bound, estimated_rows) VALUES (?,?,?,?,?,?)");
                 PreparedStatement est = c.prepareStatement("UPDATE table_counter SET snapshot_estimated = ?, snapshot_rows = 0, "
                         + "snapshot_done = false WHERE pipe_id = ? AND source_table = ?")) {
                del.setLong(1, pipeId);
                del.executeUpdate();
                Map<String, Long> estimates = new LinkedHashMap<>();
                for (SnapshotRange r : ranges) {
                    ins.setLong(1, pipeId);
                    ins.setString(2, StoredTableName.of(r.table()));
                    ins.setInt(3, r.index());
                    ins.setString(4, r.lower());
                    ins.setString(5, r.upper());
                    ins.setLong(6, r.estimatedRows());
                    ins.addBatch();
                    estimates.merge(r.table().toString(), Math.max(0, r.estimatedRows()), Long::sum);
                }
                ins.executeBatch();
                for (Map.Entry<String, Long> e : estimates.entrySet()) {
                    est.setLong(1, e.getValue());
                    est.setLong(2, pipeId);
                    est.setString(3, e.getKey());
                    est.addBatch();
                }
                est.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw CatalogException.wrap("store the snapshot plan", e);
        }
    }

    /** Ranges not yet copied, in plan order. */
    public List<SnapshotRange> pending(long pipeId) {
        record Row(String table, int index, String lower, String upper, long estimatedRows) {}
        List<Row> rows = Jdbc.list(ds, "read the snapshot plan", "SELECT source_table, range_index, lower_bound, upper_bound, "
                        + "estimated_rows FROM snapshot_range WHERE pipe_id = ? AND NOT done ORDER BY source_table, range_index",
                ps -> ps.setLong(1, pipeId),
                rs -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
        Supplier<List<TableRef>> known = StoredTableName.pipeTables(ds, pipeId); // read after the rows' connection is back
        List<SnapshotRange> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new SnapshotRange(StoredTableName.read(r.table(), known), r.index(), r.lower(), r.upper(), r.estimatedRows()));
        }
        return out;
    }

    /** Marks a range copied (its rows are already in the destination and counted); a table with no range left is done. */
    public void markDone(long pipeId, SnapshotRange range, long rows) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            // a plan stored by an older version names the table schema.name: both forms are matched
            try (PreparedStatement ps = c.prepareStatement("UPDATE snapshot_range SET done = true, rows_copied = ? "
                    + "WHERE pipe_id = ? AND source_table IN (?, ?) AND range_index = ?");
                 PreparedStatement t = c.prepareStatement("UPDATE table_counter SET snapshot_done = NOT EXISTS ("
                         + "SELECT 1 FROM snapshot_range WHERE pipe_id = ? AND source_table IN (?, ?) AND NOT done) "
                         + "WHERE pipe_id = ? AND source_table = ?")) {
                ps.setLong(1, rows);
                ps.setLong(2, pipeId);
                ps.setString(3, StoredTableName.of(range.table()));
                ps.setString(4, range.table().toString());
                ps.setInt(5, range.index());
                ps.executeUpdate();
                t.setLong(1, pipeId);
                t.setString(2, StoredTableName.of(range.table()));
                t.setString(3, range.table().toString());
                t.setLong(4, pipeId);
                t.setString(5, range.table().toString()); // table counters are keyed by schema.name, as batches name tables
                t.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw CatalogException.wrap("record snapshot progress", e);
        }
    }
}
