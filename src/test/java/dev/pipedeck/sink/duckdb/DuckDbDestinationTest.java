package dev.pipedeck.sink.duckdb;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.AllTypes;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.sink.Destination.TableTarget;
import dev.pipedeck.sink.Destinations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.pipedeck.sink.AllTypes.change;
import static dev.pipedeck.sink.AllTypes.col;
import static org.junit.jupiter.api.Assertions.*;

class DuckDbDestinationTest {
    @TempDir
    Path dir;

    private Destination open(Path file) {
        return Destinations.open("duckdb:" + file);
    }

    static TableSchema orders(String table, boolean withNote) {
        List<ColumnSpec> cols = new ArrayList<>(List.of(
                col("id", TypeFamily.INT8, "bigint", false, 1),
                col("status", TypeFamily.TEXT, "text", false, 0),
                col("qty", TypeFamily.INT4, "integer", true, 0)));
        if (withNote) {
            cols.add(col("note", TypeFamily.TEXT, "text", true, 0));
        }
        return new TableSchema(new TableRef("public", table), cols);
    }

    private String visible(Path file, String table) throws Exception {
        return DuckReader.query(file, "SELECT id, status, qty FROM \"" + table + "\" ORDER BY id");
    }

    @Test
    void everyTypeFamilyRoundTrips() throws Exception {
        Path file = dir.resolve("all.duckdb");
        TableSchema schema = AllTypes.schema("all_types");
        List<Object[]> rows = AllTypes.rows();
        try (Destination d = open(file)) {
            assertTrue(d.check().startsWith("DuckDB v"), d.check());
            d.prepare(List.of(new TableTarget(schema, "all_types")));
            d.apply(AllTypes.inserts(schema, rows, 100));
        }
        Map<Long, Object[]> back = DuckReader.rows(file, "all_types", schema);
        assertEquals(rows.size(), back.size());
        for (Object[] expected : rows) {
            Object[] actual = back.get((Long) expected[0]);
            for (int i = 0; i < expected.length; i++) {
                ColumnSpec c = schema.columns().get(i);
                Object want = expected[i];
                if (c.name().equals("c_decimal") && "NaN".equals(want)) {
                    want = null; // documented: NaN has no DECIMAL form and lands as NULL
                }
                AllTypes.assertValue("row " + expected[0] + " " + c.name(), c.family(), want, actual[i]);
            }
        }
        String types = DuckReader.query(file, "SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_name = 'all_types' ORDER BY ordinal_position");
        assertTrue(types.contains("c_decimal\tDECIMAL(38,10)"), types);
        assertTrue(types.contains("c_tstz\tTIMESTAMP WITH TIME ZONE"), types);
        assertTrue(types.contains("c_uuid_arr\tUUID[]"), types);
        assertTrue(types.contains("_peerdb_version\tBIGINT"), types);
    }

    @Test
    void replayDeleteReinsertAndStaleVersions() throws Exception {
        Path file = dir.resolve("o.duckdb");
        TableSchema s = orders("orders", false);
        List<RowChange> batch = List.of(
                change(ChangeKind.SNAPSHOT, s, new Object[]{1L, "new", 1}, 0),
                change(ChangeKind.SNAPSHOT, s, new Object[]{2L, "new", 2}, 0),
                change(ChangeKind.INSERT, s, new Object[]{3L, "new", 3}, 10),
                change(ChangeKind.UPDATE, s, new Object[]{1L, "paid", 1}, 11),
                change(ChangeKind.DELETE, s, new Object[]{2L, null, null}, 12),
                change(ChangeKind.UPDATE, s, new Object[]{3L, "paid", 30}, 13));
        try (Destination d = open(file)) {
            d.prepare(List.of(new TableTarget(s, "orders")));
            d.apply(batch);
            String once = visible(file, "orders");
            assertEquals("1\tpaid\t1\n3\tpaid\t30\n", once);
            d.apply(batch);
            assertEquals(once, visible(file, "orders"));
            // an older insert replayed after the delete does not resurrect the row; an older update does not win
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{2L, "zombie", 2}, 5),
                    change(ChangeKind.UPDATE, s, new Object[]{3L, "stale", 0}, 12)));
            assertEquals(once, visible(file, "orders"));
            // a newer insert re-creates the deleted key
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{2L, "again", 22}, 20)));
            assertEquals("1\tpaid\t1\n2\tagain\t22\n3\tpaid\t30\n", visible(file, "orders"));
        }
        assertEquals("0\n", DuckReader.query(file, "SELECT count(*) FROM orders WHERE _peerdb_is_deleted <> 0"));
    }

    @Test
    void truncateRespectsOrderAndReplays() throws Exception {
        Path file = dir.resolve("t.duckdb");
        TableSchema s = orders("o3", false);
        List<RowChange> batch = List.of(
                change(ChangeKind.INSERT, s, new Object[]{1L, "a", 1}, 10),
                change(ChangeKind.INSERT, s, new Object[]{2L, "b", 2}, 11),
                new RowChange(ChangeKind.TRUNCATE, s, null, 12, 12, null),
                change(ChangeKind.INSERT, s, new Object[]{3L, "c", 3}, 13));
        try (Destination d = open(file)) {
            d.prepare(List.of(new TableTarget(s, "o3")));
            d.apply(batch);
            assertEquals("3\tc\t3\n", visible(file, "o3"));
            d.apply(batch);
            assertEquals("3\tc\t3\n", visible(file, "o3"));
        }
    }

    @Test
    void newColumnMidStreamAndReopen() throws Exception {
        Path file = dir.resolve("e.duckdb");
        TableSchema v1 = orders("o4", false);
        TableSchema v2 = orders("o4", true);
        try (Destination d = open(file)) {
            d.prepare(List.of(new TableTarget(v1, "o4")));
            d.apply(List.of(change(ChangeKind.INSERT, v1, new Object[]{1L, "a", 1}, 10)));
            d.evolve(new TableTarget(v2, "o4"));
            d.apply(List.of(change(ChangeKind.INSERT, v2, new Object[]{2L, "b", 2, "with note"}, 11),
                    change(ChangeKind.UPDATE, v1, new Object[]{1L, "a2", 1}, 12)));
        }
        try (Destination d = open(file)) {
            d.prepare(List.of(new TableTarget(v2, "o4")));
            d.apply(List.of(change(ChangeKind.INSERT, v2, new Object[]{3L, "c", 3, "n3"}, 13)));
        }
        assertEquals("1\ta2\tnull\n2\tb\twith note\n3\tc\tn3\n",
                DuckReader.query(file, "SELECT id, status, note FROM o4 ORDER BY id"));
    }

    @Test
    void failedBatchIsAllOrNothing() throws Exception {
        Path file = dir.resolve("a.duckdb");
        TableSchema s = orders("o5", false);
        try (Destination d = open(file)) {
            d.prepare(List.of(new TableTarget(s, "o5")));
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{1L, "a", 1}, 10)));
            List<RowChange> bad = List.of(change(ChangeKind.INSERT, s, new Object[]{2L, "b", 2}, 11),
                    change(ChangeKind.INSERT, s, new Object[]{3L, "c", "not an int"}, 12));
            assertThrows(RuntimeException.class, () -> d.apply(bad));
            assertEquals("1\ta\t1\n", visible(file, "o5"));
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{2L, "b", 2}, 11)));
            assertEquals("1\ta\t1\n2\tb\t2\n", visible(file, "o5"));
        }
    }

    @Test
    void rolledBackTruncateIsForgottenAndTombstonesSurviveReopen() throws Exception {
        Path file = dir.resolve("r.duckdb");
        TableSchema s = orders("o6", false);
        try (Destination d = open(file)) {
            d.prepare(List.of(new TableTarget(s, "o6")));
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{1L, "a", 1}, 10),
                    change(ChangeKind.DELETE, s, new Object[]{1L, null, null}, 100)));
            assertThrows(RuntimeException.class, () -> d.apply(List.of(
                    new RowChange(ChangeKind.TRUNCATE, s, null, 500, 500, null),
                    change(ChangeKind.INSERT, s, new Object[]{3L, "c", "bad"}, 501))));
            // the truncate at 500 was rolled back, so a change at 40 for another key still lands
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{2L, "b", 2}, 40)));
            assertEquals("2\tb\t2\n", visible(file, "o6"));
        }
        try (Destination d = open(file)) {
            d.prepare(List.of(new TableTarget(s, "o6")));
            // replayed older insert of the deleted key: the tombstone (loaded from the file) keeps it out
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{1L, "zombie", 1}, 10)));
            assertEquals("2\tb\t2\n", visible(file, "o6"));
        }
    }

    @Test
    void compositeKeys() throws Exception {
        TableSchema s = AllTypes.compositeKeyTable();
        List<RowChange> batch = AllTypes.compositeKeyBatch(s);
        try (Destination d = open(dir.resolve("k.duckdb"))) {
            d.prepare(List.of(new TableTarget(s, "lines")));
            d.apply(batch);
            d.apply(batch);
            d.prepare(List.of(new TableTarget(s, "lines"))); // the existing table's key order is accepted
        }
        String expected = "a\t2\ta2\nb\t1\tb1!\n";
        assertEquals(expected, DuckReader.query(dir.resolve("k.duckdb"), "SELECT tenant, id, v FROM lines ORDER BY tenant, id"));
    }

    @Test
    void incompatibleExistingTableIsPermanentAndUntouched() throws Exception {
        Path file = dir.resolve("i.duckdb");
        try (Connection c = DuckReader.connect(file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE bad (status VARCHAR, qty INTEGER)");
            st.execute("INSERT INTO bad VALUES ('keep', 1)");
        }
        try (Destination d = open(file)) {
            PipeDeckException e = assertThrows(PipeDeckException.class,
                    () -> d.prepare(List.of(new TableTarget(orders("bad", false), "bad"))));
            assertEquals(FailureKind.PERMANENT, e.kind());
            assertTrue(e.getMessage().contains("DuckDB table bad") && e.getMessage().contains("key column id is missing"),
                    e.getMessage());
        }
        assertEquals("keep\t1\n", DuckReader.query(file, "SELECT * FROM bad"));
    }

    @Test
    void fileHeldByAnotherProcessIsAClearPermanentError() throws Exception {
        Path file = dir.resolve("held.duckdb");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DuckDbLockHolder.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("LOCKED")) {
                // skip JVM/logging noise
            }
            assertEquals("LOCKED", line, "the holder process did not open the file");
            try (Destination d = open(file)) {
                PipeDeckException e = assertThrows(PipeDeckException.class, d::check);
                assertEquals(FailureKind.PERMANENT, e.kind());
                assertTrue(e.getMessage().startsWith("DuckDB file " + file.toAbsolutePath()
                        + " is in use by another process (held by PID " + holder.pid() + ")"), e.getMessage());
            }
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        try (Destination d = open(file)) {
            assertTrue(d.check().startsWith("DuckDB"));
        }
    }
}
