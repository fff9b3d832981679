package dev.pipedeck.sink.clickhouse;

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
import dev.pipedeck.sink.DestinationUrl;
import dev.pipedeck.sink.Destinations;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pipedeck.sink.AllTypes.change;
import static dev.pipedeck.sink.AllTypes.col;
import static org.junit.jupiter.api.Assertions.*;

class ClickHouseDestinationTest {
    private static final AtomicInteger N = new AtomicInteger();
    private ClickHouseTestServer ch;
    private String db;

    @BeforeEach
    void setUp() {
        ch = ClickHouseTestServer.get();
        db = ch.createDatabase("sinktest_" + N.incrementAndGet());
    }

    private Destination open() {
        return Destinations.open(ch.url(db));
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

    private String visible(String table) {
        return ch.query("SELECT id, status, qty FROM `" + db + "`.`" + table
                + "` FINAL WHERE _peerdb_is_deleted = 0 ORDER BY id FORMAT TabSeparated");
    }

    @Test
    void everyTypeFamilyRoundTrips() {
        TableSchema schema = AllTypes.schema("all_types");
        List<Object[]> rows = AllTypes.rows();
        try (Destination d = open()) {
            assertTrue(d.check().startsWith("ClickHouse "));
            d.prepare(List.of(new TableTarget(schema, "all_types")));
            d.apply(AllTypes.inserts(schema, rows, 100));
        }
        Map<Long, Object[]> back = ChReader.rows(ch, db, "all_types", schema);
        assertEquals(rows.size(), back.size());
        for (Object[] expected : rows) {
            Object[] actual = back.get((Long) expected[0]);
            for (int i = 0; i < expected.length; i++) {
                ColumnSpec c = schema.columns().get(i);
                Object want = expected[i];
                if (c.name().equals("c_decimal") && "NaN".equals(want)) {
                    want = null; // documented: NaN has no Decimal form and lands as NULL
                }
                if (c.family() == TypeFamily.ARRAY && want == null) {
                    want = List.of(); // documented: ClickHouse arrays cannot be Nullable; a NULL array reads as []
                }
                AllTypes.assertValue("row " + expected[0] + " " + c.name(), c.family(), want, actual[i]);
            }
        }
        String types = ch.query("SELECT name, type FROM system.columns WHERE database = '" + db
                + "' AND table = 'all_types' FORMAT TabSeparated");
        assertTrue(types.contains("id\tInt64\n"), types);
        assertTrue(types.contains("c_decimal\tNullable(Decimal(38, 10))"), types);
        assertTrue(types.contains("c_uuid\tNullable(UUID)"), types);
        assertTrue(types.contains("c_int_arr\tArray(Nullable(Int32))"), types);
        assertTrue(types.contains("_peerdb_version\tInt64"), types);
    }

    @Test
    void replayingABatchLeavesTheViewUnchanged() {
        TableSchema s = orders("orders", false);
        List<RowChange> batch = List.of(
                change(ChangeKind.SNAPSHOT, s, new Object[]{1L, "new", 1}, 0),
                change(ChangeKind.SNAPSHOT, s, new Object[]{2L, "new", 2}, 0),
                change(ChangeKind.INSERT, s, new Object[]{3L, "new", 3}, 10),
                change(ChangeKind.UPDATE, s, new Object[]{1L, "paid", 1}, 11),
                change(ChangeKind.DELETE, s, new Object[]{2L, null, null}, 12),
                change(ChangeKind.UPDATE, s, new Object[]{3L, "paid", 30}, 13));
        try (Destination d = open()) {
            d.prepare(List.of(new TableTarget(s, "orders")));
            d.apply(batch);
            String once = visible("orders");
            assertEquals("1\tpaid\t1\n3\tpaid\t30\n", once);
            d.apply(batch);
            assertEquals(once, visible("orders"));
            ch.query("OPTIMIZE TABLE `" + db + "`.orders FINAL");
            assertEquals(once, visible("orders"));
        }
    }

    @Test
    void deleteThenReinsertAndOlderVersionsLose() {
        TableSchema s = orders("o2", false);
        try (Destination d = open()) {
            d.prepare(List.of(new TableTarget(s, "o2")));
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{1L, "a", 1}, 10),
                    change(ChangeKind.DELETE, s, new Object[]{1L, null, null}, 11)));
            assertEquals("", visible("o2"));
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{1L, "again", 2}, 12)));
            assertEquals("1\tagain\t2\n", visible("o2"));
            // an older change replayed later does not win
            d.apply(List.of(change(ChangeKind.UPDATE, s, new Object[]{1L, "stale", 9}, 5),
                    change(ChangeKind.DELETE, s, new Object[]{1L, null, null}, 11)));
            assertEquals("1\tagain\t2\n", visible("o2"));
        }
    }

    @Test
    void truncateHidesEarlierRowsOnlyAndRespectsOrderWithinTheBatch() {
        TableSchema s = orders("o3", false);
        try (Destination d = open()) {
            d.prepare(List.of(new TableTarget(s, "o3")));
            List<RowChange> batch = List.of(
                    change(ChangeKind.INSERT, s, new Object[]{1L, "a", 1}, 10),
                    change(ChangeKind.INSERT, s, new Object[]{2L, "b", 2}, 11),
                    new RowChange(ChangeKind.TRUNCATE, s, null, 12, 12, null),
                    change(ChangeKind.INSERT, s, new Object[]{3L, "c", 3}, 13));
            d.apply(batch);
            assertEquals("3\tc\t3\n", visible("o3"));
            d.apply(batch);
            assertEquals("3\tc\t3\n", visible("o3"));
        }
    }

    @Test
    void newColumnMidStream() {
        TableSchema v1 = orders("o4", false);
        TableSchema v2 = orders("o4", true);
        try (Destination d = open()) {
            d.prepare(List.of(new TableTarget(v1, "o4")));
            d.apply(List.of(change(ChangeKind.INSERT, v1, new Object[]{1L, "a", 1}, 10)));
            d.evolve(new TableTarget(v2, "o4"));
            d.evolve(new TableTarget(v2, "o4")); // twice is harmless
            d.apply(List.of(change(ChangeKind.INSERT, v2, new Object[]{2L, "b", 2, "with note"}, 11),
                    change(ChangeKind.UPDATE, v1, new Object[]{1L, "a2", 1}, 12)));
        }
        assertEquals("1\ta2\t\\N\n2\tb\twith note\n", ch.query("SELECT id, status, note FROM `" + db
                + "`.o4 FINAL WHERE _peerdb_is_deleted = 0 ORDER BY id FORMAT TabSeparated"));
        // a reopened destination (new process) sees the column and keeps writing
        try (Destination d = open()) {
            d.prepare(List.of(new TableTarget(v2, "o4")));
            d.apply(List.of(change(ChangeKind.INSERT, v2, new Object[]{3L, "c", 3, "n3"}, 13)));
        }
        assertEquals(3, ChReader.count(ch, db, "o4"));
    }

    @Test
    void keepsWorkingAfterTheServerClosedIdleConnections() throws Exception {
        TableSchema s = orders("idle", false);
        try (Destination d = open()) {
            d.prepare(List.of(new TableTarget(s, "idle")));
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{1L, "a", 1}, 10)));
            Thread.sleep(3500); // the server's keep_alive_timeout is 3 s
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{2L, "b", 2}, 11)));
        }
        assertEquals(2, ChReader.count(ch, db, "idle"));
    }

    @Test
    void gzipInsertsWork() {
        TableSchema s = orders("o5", false);
        try (Destination d = Destinations.open(ch.url(db) + "?compress=gzip")) {
            d.prepare(List.of(new TableTarget(s, "o5")));
            List<RowChange> rows = new ArrayList<>();
            for (long i = 1; i <= 5000; i++) {
                rows.add(change(ChangeKind.INSERT, s, new Object[]{i, "s" + i, (int) i}, 100 + i));
            }
            d.apply(rows);
        }
        assertEquals(5000, ChReader.count(ch, db, "o5"));
    }

    @Test
    void compositeKeys() {
        TableSchema s = AllTypes.compositeKeyTable();
        List<RowChange> batch = AllTypes.compositeKeyBatch(s);
        try (Destination d = open()) {
            d.prepare(List.of(new TableTarget(s, "lines")));
            d.apply(batch);
            d.apply(batch);
            d.prepare(List.of(new TableTarget(s, "lines"))); // the existing table's key order is accepted
        }
        String expected = "a\t2\ta2\nb\t1\tb1!\n";
        assertEquals(expected, ch.query("SELECT tenant, id, v FROM `" + db + "`.lines FINAL WHERE _peerdb_is_deleted = 0 ORDER BY tenant, id FORMAT TabSeparated"));
    }

    @Test
    void compatibleExistingTableIsReused() {
        TableSchema s = orders("o6", false);
        try (Destination d = open()) {
            d.prepare(List.of(new TableTarget(s, "o6")));
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{1L, "a", 1}, 10)));
        }
        try (Destination d = open()) {
            d.prepare(List.of(new TableTarget(s, "o6")));
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{2L, "b", 2}, 11)));
        }
        assertEquals("1\ta\t1\n2\tb\t2\n", visible("o6"));
    }
}
