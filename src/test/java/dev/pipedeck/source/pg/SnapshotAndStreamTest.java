package dev.pipedeck.source.pg;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotAndStreamTest {
    private static final TableRef T = new TableRef("app", "Accounts");
    private static final int IDS = 30_000;

    private static void createAndFill(SourceFixture f, int rows) {
        f.exec("CREATE SCHEMA app", "CREATE TABLE " + T.quoted() + " (id int PRIMARY KEY, balance int, note text)",
                "INSERT INTO " + T.quoted() + " SELECT g, g, repeat('x', 100) FROM generate_series(1, " + rows + ") g",
                "ANALYZE " + T.quoted());
    }

    private static Map<Integer, List<Object>> sourceRows(SourceFixture f) throws Exception {
        Map<Integer, List<Object>> out = new HashMap<>();
        try (Connection c = TestPostgres.connect(f.db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, balance, note FROM " + T.quoted())) {
            while (rs.next()) {
                out.put(rs.getInt(1), Arrays.<Object>asList(rs.getInt(1), rs.getObject(2), rs.getString(3)));
            }
        }
        return out;
    }

    @Test
    void snapshotPlusStreamUnderConcurrentWritesHasNoGapAndNoOverlap() throws Exception {
        SourceFixture f = new SourceFixture("snap_stream");
        createAndFill(f, 20_000);
        f.source.ensurePublication("pub", List.of(T));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger writes = new AtomicInteger();
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            Random rnd = new Random(42);
            try (Connection c = TestPostgres.connect(f.db)) {
                PreparedStatement ins = c.prepareStatement("INSERT INTO " + T.quoted()
                        + " VALUES (?, 0, 'new') ON CONFLICT DO NOTHING");
                PreparedStatement upd = c.prepareStatement("UPDATE " + T.quoted()
                        + " SET balance = balance + 1, note = 'upd' WHERE id = ?");
                PreparedStatement del = c.prepareStatement("DELETE FROM " + T.quoted() + " WHERE id = ?");
                c.setAutoCommit(false);
                while (!stop.get()) {
                    for (int i = 0; i < 1 + rnd.nextInt(5); i++) {
                        PreparedStatement ps = switch (rnd.nextInt(3)) {
                            case 0 -> ins;
                            case 1 -> upd;
                            default -> del;
                        };
                        ps.setInt(1, 1 + rnd.nextInt(IDS));
                        ps.executeUpdate();
                    }
                    c.commit();
                    writes.incrementAndGet();
                }
            } catch (Throwable t) {
                writerError.set(t);
            }
        });
        writer.start();
        Thread.sleep(300);
        Map<Integer, List<Object>> replica = new HashMap<>();
        try (SlotCreation slot = f.source.createSlot(f.slot())) {
            List<SnapshotRange> ranges = f.source.planSnapshot(List.of(T), 4);
            assertEquals(4, ranges.size(), "the table is big enough to be split");
            SourceFixture.Collector col = new SourceFixture.Collector();
            Set<SnapshotRange> done = f.source.copy(ranges, slot.snapshotName(), 3, col, () -> false);
            assertEquals(new HashSet<>(ranges), done);
            for (RowChange r : col.rows) {
                assertEquals(ChangeKind.SNAPSHOT, r.kind());
                assertEquals(0, r.lsn());
                assertNull(replica.put((Integer) r.value(0), Arrays.asList(r.values())), "row copied twice");
            }
        }
        Thread.sleep(300);
        stop.set(true);
        writer.join();
        assertNull(writerError.get());
        assertTrue(writes.get() > 20, "writer made progress: " + writes.get());

        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            for (RowChange c : SourceFixture.changes(f.drain(s))) {
                int id = (Integer) c.value(0);
                switch (c.kind()) {
                    case INSERT -> assertNull(replica.put(id, Arrays.asList(c.values())), "overlap: insert of copied row " + id);
                    case UPDATE -> assertNotNull(replica.put(id, Arrays.asList(c.values())), "gap: update of missing row " + id);
                    case DELETE -> assertNotNull(replica.remove(id), "gap: delete of missing row " + id);
                    default -> throw new AssertionError(c.kind());
                }
            }
        }
        Map<Integer, List<Object>> expected = sourceRows(f);
        assertEquals(expected.size(), replica.size());
        assertEquals(expected, replica);
    }

    @Test
    void copyStopsBetweenRangesAndContinuesWithoutSnapshot() throws Exception {
        SourceFixture f = new SourceFixture("snap_pause");
        createAndFill(f, 25_000);
        List<SnapshotRange> ranges = f.source.planSnapshot(List.of(T), 5);
        assertEquals(5, ranges.size());
        SourceFixture.Collector first = new SourceFixture.Collector();
        Set<SnapshotRange> done1 = f.source.copy(ranges, null, 1, first, () -> !first.done.isEmpty());
        assertEquals(1, done1.size(), "stopped after the first range");
        assertEquals(new HashSet<>(first.done), done1);

        List<SnapshotRange> rest = new ArrayList<>(ranges);
        rest.removeAll(done1);
        SourceFixture.Collector second = new SourceFixture.Collector();
        Set<SnapshotRange> done2 = f.source.copy(rest, null, 2, second, () -> false);
        assertEquals(new HashSet<>(rest), done2);

        Map<Integer, List<Object>> copied = new HashMap<>();
        for (RowChange r : first.rows) {
            copied.put((Integer) r.value(0), Arrays.asList(r.values()));
        }
        for (RowChange r : second.rows) {
            assertNull(copied.put((Integer) r.value(0), Arrays.asList(r.values())), "ranges overlap");
        }
        assertEquals(sourceRows(f), copied);
    }

    @Test
    void oneBigRangeIsHandedOverInBoundedChunks() {
        SourceFixture f = new SourceFixture("snap_chunks");
        createAndFill(f, 25_000);
        SourceFixture.Collector col = new SourceFixture.Collector();
        f.source.copy(f.source.planSnapshot(List.of(T), 1), null, 4, col, () -> false);
        assertEquals(List.of(10_000, 10_000, 5_000), col.chunkSizes);
        assertEquals(1, col.done.size());
    }
}
