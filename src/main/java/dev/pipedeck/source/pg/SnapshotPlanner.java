package dev.pipedeck.source.pg;

import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableRef;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits tables into ctid page ranges from {@code pg_class.relpages}. The last range is unbounded above, so pages
 * added after planning (or a stale relpages) are still copied. Small tables are one range.
 */
final class SnapshotPlanner {
    /** Below this many 8 kB pages (64 MB) splitting costs more in connections than it saves. */
    static final long SMALL_TABLE_PAGES = 8192;
    /** Upper bound of the ranges of one table (each is a row in the catalog). */
    static final int MAX_RANGES = 1000;

    private final PgConnections connections;
    private final long minPagesToSplit;

    SnapshotPlanner(PgConnections connections, long minPagesToSplit) {
        this.connections = connections;
        this.minPagesToSplit = minPagesToSplit;
    }

    List<SnapshotRange> plan(List<TableRef> tables, int rangesPerTable) {
        return plan(tables, rangesPerTable, 0);
    }

    /**
     * With {@code rowsPerPartition > 0}, a big table gets about {@code reltuples / rowsPerPartition} ranges (at most
     * {@link #MAX_RANGES}) instead of {@code rangesPerTable}.
     */
    List<SnapshotRange> plan(List<TableRef> tables, int rangesPerTable, long rowsPerPartition) {
        List<SnapshotRange> out = new ArrayList<>();
        try (Connection c = connections.open("planning the initial copy");
             PreparedStatement ps = c.prepareStatement("SELECT GREATEST(c.relpages, 0), GREATEST(c.reltuples, 0)::bigint "
                     + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            // TID range scans exist from Postgres 14; before that every ctid range would scan the whole table.
            int perTable = PgReplicationStream.serverVersionNum(c) >= 140000 ? rangesPerTable : 1;
            for (TableRef t : tables) {
                ps.setString(1, t.schema());
                ps.setString(2, t.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw PipeDeckException.permanent("Table " + t + " does not exist in the source database.");
                    }
                    long pages = rs.getLong(1);
                    long rows = rs.getLong(2);
                    int n = perTable > 1 && rowsPerPartition > 0 ? rangesFor(pages, rows, rowsPerPartition) : perTable;
                    out.addAll(split(t, pages, rows, n, minPagesToSplit));
                }
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, "planning the initial copy", connections.config());
        }
        return out;
    }

    /** Ranges for a table of {@code rows} rows on {@code pages} pages: one per partition, at least a page each. */
    static int rangesFor(long pages, long rows, long rowsPerPartition) {
        long n = (rows + rowsPerPartition - 1) / rowsPerPartition;
        return (int) Math.max(1, Math.min(Math.min(n, MAX_RANGES), pages));
    }

    static List<SnapshotRange> split(TableRef t, long pages, long rows, int rangesPerTable, long smallPages) {
        if (rangesPerTable <= 1 || pages < smallPages) {
            return List.of(new SnapshotRange(t, 0, "0", null, rows));
        }
        long step = (pages + rangesPerTable - 1) / rangesPerTable;
        List<SnapshotRange> out = new ArrayList<>();
        for (int i = 0; i < rangesPerTable; i++) {
            long lo = i * step;
            String hi = i == rangesPerTable - 1 ? null : Long.toString((i + 1) * step);
            out.add(new SnapshotRange(t, i, Long.toString(lo), hi, rows / rangesPerTable));
        }
        return out;
    }
}
