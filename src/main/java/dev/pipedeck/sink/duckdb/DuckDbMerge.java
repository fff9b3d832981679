package dev.pipedeck.sink.duckdb;

import dev.pipedeck.change.Advice;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableSchema;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies one table's share of a batch inside the caller's transaction: keep the newest change per key, append those
 * to the staging table, drop staged changes older than what the table (or its tombstones, or its last truncate)
 * already has, then replace rows by key and record tombstones for deletes. Equal versions re-apply, so a replayed
 * batch ends in the same state.
 */
final class DuckDbMerge {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DuckDbMerge.class);
    private final DuckDBConnection conn;

    DuckDbMerge(DuckDBConnection conn) {
        this.conn = conn;
    }

    /** Milliseconds spent per phase of the last apply (for the benchmark's diagnosis). */
    String lastTimings = "";

    /**
     * What is already in a table, so statements that cannot match are skipped (an in-order stream never needs the
     * staleness checks). Loaded from the file on first use and forgotten on rollback.
     */
    private static final class State {
        long maxRowVersion;
        long maxTombVersion;
        long truncatedVersion;
    }

    private final Map<String, State> states = new HashMap<>();

    /** The transaction was rolled back: the in-memory view of the tables may be ahead of the file. */
    void forget() {
        states.clear();
    }

    private State state(DuckTable t) throws SQLException {
        State st = states.get(t.name());
        if (st == null) {
            st = new State();
            st.maxRowVersion = scalar("SELECT coalesce(max(\"_peerdb_version\"), -1) FROM " + t.quoted());
            st.maxTombVersion = scalar("SELECT coalesce(max(\"_peerdb_version\"), -1) FROM " + t.tombstones());
            st.truncatedVersion = scalar("SELECT coalesce(max(truncated_version), -1) FROM _pipedeck_tables "
                    + "WHERE table_name = '" + t.name().replace("'", "''") + "'");
            states.put(t.name(), st);
        }
        return st;
    }

    private long scalar(String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void apply(DuckTable t, List<RowChange> rows) throws SQLException {
        long t0 = System.nanoTime();
        Collection<RowChange> latest = newestPerKey(t, rows);
        long minVersion = Long.MAX_VALUE;
        long maxVersion = -1;
        boolean anyDelete = false;
        for (RowChange r : latest) {
            minVersion = Math.min(minVersion, version(r));
            maxVersion = Math.max(maxVersion, version(r));
            anyDelete |= r.kind() == ChangeKind.DELETE;
        }
        State st = state(t);
        long t1 = System.nanoTime();
        stage(t, latest);
        long t2 = System.nanoTime();
        StringBuilder timings = new StringBuilder("dedupe=" + (t1 - t0) / 1_000_000 + " stage=" + (t2 - t1) / 1_000_000);
        String table = t.quoted();
        String stage = t.stage();
        String cols = t.columns().stream().map(DuckColumn::quoted).collect(Collectors.joining(", "));
        String keys = t.keys().stream().map(DuckDbTypes::ident).collect(Collectors.joining(", "));
        String synced = LocalDateTime.now(ZoneOffset.UTC).toString();
        try (Statement s = conn.createStatement()) {
            if (st.truncatedVersion > minVersion) {
                s.execute("DELETE FROM " + stage + " WHERE \"_pd_version\" < " + st.truncatedVersion);
            }
            if (st.maxRowVersion > minVersion) {
                s.execute("DELETE FROM " + stage + " USING " + table + " AS cur WHERE " + t.keyJoin(stage, "cur")
                        + " AND cur.\"_peerdb_version\" > " + stage + ".\"_pd_version\"");
            }
            if (st.maxTombVersion > minVersion) {
                s.execute("DELETE FROM " + stage + " USING " + t.tombstones() + " AS tomb WHERE "
                        + t.keyJoin(stage, "tomb") + " AND tomb.\"_peerdb_version\" > " + stage + ".\"_pd_version\"");
            }
            if (st.maxRowVersion >= 0) {
                s.execute("DELETE FROM " + table + " USING " + stage + " AS st WHERE " + t.keyJoin(table, "st"));
            }
            if (st.maxTombVersion >= 0) {
                s.execute("DELETE FROM " + t.tombstones() + " USING " + stage + " AS st WHERE "
                        + t.keyJoin(t.tombstones(), "st"));
            }
            s.execute("INSERT INTO " + table + " (" + cols + ", \"_peerdb_synced_at\", \"_peerdb_is_deleted\", "
                    + "\"_peerdb_version\") SELECT " + cols + ", TIMESTAMP '" + synced + "', 0, \"_pd_version\" FROM "
                    + stage + " WHERE NOT \"_pd_deleted\"");
            if (anyDelete) {
                s.execute("INSERT INTO " + t.tombstones() + " (" + keys + ", \"_peerdb_version\") SELECT " + keys
                        + ", \"_pd_version\" FROM " + stage + " WHERE \"_pd_deleted\"");
                st.maxTombVersion = Math.max(st.maxTombVersion, maxVersion);
            }
            s.execute("DELETE FROM " + stage);
        }
        st.maxRowVersion = Math.max(st.maxRowVersion, maxVersion);
        lastTimings = timings.append(" merge=").append((System.nanoTime() - t2) / 1_000_000).toString();
        log.debug("DuckDB {}: {} changes, {} ms: {}", t.name(), rows.size(), (System.nanoTime() - t0) / 1_000_000, lastTimings);
    }

    /** Drops every row older than the truncate and remembers the truncate's version for later replays. */
    void truncate(DuckTable t, long version) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("DELETE FROM " + t.quoted() + " WHERE \"_peerdb_version\" < " + version);
            s.execute("DELETE FROM " + t.tombstones() + " WHERE \"_peerdb_version\" < " + version);
            String name = "'" + t.name().replace("'", "''") + "'";
            s.execute("INSERT INTO _pipedeck_tables VALUES (" + name + ", " + version + ") ON CONFLICT (table_name) "
                    + "DO UPDATE SET truncated_version = greatest(truncated_version, excluded.truncated_version)");
        }
        State st = state(t);
        st.truncatedVersion = Math.max(st.truncatedVersion, version);
    }

    private static Collection<RowChange> newestPerKey(DuckTable t, List<RowChange> rows) {
        Map<TableSchema, int[]> keyPos = new IdentityHashMap<>();
        Map<Object, RowChange> latest = new LinkedHashMap<>(rows.size() * 2);
        for (RowChange r : rows) {
            int[] pos = keyPos.computeIfAbsent(r.schema(), s -> t.keys().stream().mapToInt(s::indexOf).toArray());
            Object key = key(r.values(), pos);
            RowChange prev = latest.get(key);
            if (prev == null || version(r) >= version(prev)) {
                latest.put(key, r);
            }
        }
        return latest.values();
    }

    private static Object key(Object[] values, int[] pos) {
        if (pos.length == 1) {
            return keyPart(values[pos[0]]);
        }
        List<Object> k = new ArrayList<>(pos.length);
        for (int p : pos) {
            k.add(keyPart(values[p]));
        }
        return k;
    }

    private static Object keyPart(Object v) {
        return v instanceof byte[] b ? ByteBuffer.wrap(b) : v instanceof List<?> l ? Arrays.deepToString(l.toArray()) : v;
    }

    static long version(RowChange r) {
        return r.kind() == ChangeKind.SNAPSHOT ? 0 : r.lsn();
    }

    private void stage(DuckTable t, Collection<RowChange> rows) throws SQLException {
        Map<TableSchema, int[]> positions = new IdentityHashMap<>();
        List<DuckColumn> cols = t.columns();
        try (DuckDBAppender a = conn.createAppender("temp", "main", t.stageName())) {
            for (RowChange r : rows) {
                int[] pos = positions.computeIfAbsent(r.schema(),
                        s -> cols.stream().mapToInt(c -> s.indexOf(c.name())).toArray());
                Object[] values = r.values();
                a.beginRow();
                for (int c = 0; c < cols.size(); c++) {
                    try {
                        // a row without the column predates it: it has the value Postgres gives older rows
                        DuckDbTypes.append(a, cols.get(c).spec(),
                                pos[c] >= 0 ? values[pos[c]] : cols.get(c).spec().existingRowsValue());
                    } catch (IllegalArgumentException | ClassCastException e) {
                        throw PipeDeckException.permanent("DuckDB table " + t.name() + " cannot take a value of "
                                + "column " + cols.get(c).name() + " of " + r.schema().table() + ": "
                                + (e instanceof IllegalArgumentException ? e.getMessage() + "."
                                : "its type does not match the column's (" + cols.get(c).type() + ").")
                                + " If the column's type changed at the source, "
                                + Advice.resyncTable(null, r.schema().table()) + ".", e);
                    }
                }
                a.append(r.kind() == ChangeKind.DELETE);
                a.append(version(r));
                a.endRow();
            }
            a.flush();
        }
    }
}
