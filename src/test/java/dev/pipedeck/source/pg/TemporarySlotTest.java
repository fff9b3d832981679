package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consistent point X of a temporary slot splits a table's history exactly: under a concurrent stream of
 * single-row inserts, every row is either in the slot's exported snapshot or arrives through the pipe's own slot in a
 * transaction committing at or after X — never both, never neither. The temporary slot is gone once closed.
 */
class TemporarySlotTest {
    private static final TableRef T = new TableRef("public", "events");

    @Test
    void snapshotAndChangesFromItsPointPartitionTheRows() throws Exception {
        SourceFixture f = new SourceFixture("temp_slot");
        f.exec("CREATE TABLE events (id bigint PRIMARY KEY, payload text)",
                "INSERT INTO events SELECT g, 'seed' FROM generate_series(1, 2000) g");
        f.source.ensurePublication("pub", List.of(T));
        f.source.createSlot(f.slot()).close(); // the pipe's own slot, behind everything that follows

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong nextId = new AtomicLong(100_000);
        AtomicReference<Exception> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Connection c = TestPostgres.connect(f.db);
                 PreparedStatement ps = c.prepareStatement("INSERT INTO events VALUES (?, 'live')")) {
                while (writing.get()) {
                    ps.setLong(1, nextId.getAndIncrement());
                    ps.executeUpdate(); // one transaction per row
                }
            } catch (Exception e) {
                writerFailure.set(e);
            }
        }, "temp-slot-writer");
        writer.start();
        Thread.sleep(300);

        Set<Long> snapshot = new HashSet<>();
        Lsn point;
        String tempName;
        try (SlotCreation temp = f.source.createTemporarySlot(f.slot() + "_t1")) {
            tempName = temp.slotName();
            point = temp.consistentPoint();
            assertEquals("true", f.queryString("SELECT temporary::text FROM pg_replication_slots WHERE slot_name = '"
                    + tempName + "'"));
            Thread.sleep(300); // rows keep coming while the snapshot is copied
            SourceFixture.Collector rows = new SourceFixture.Collector();
            f.source.copy(f.source.planSnapshot(List.of(T), 4), temp.snapshotName(), 2, rows, () -> false);
            for (RowChange r : rows.rows) {
                snapshot.add(((Number) r.values()[0]).longValue());
            }
        }
        Thread.sleep(300);
        writing.set(false);
        writer.join(30_000);
        assertNull(writerFailure.get());
        assertNull(f.queryString("SELECT slot_name FROM pg_replication_slots WHERE slot_name = '" + tempName + "'"),
                "the temporary slot is dropped when closed");

        Set<Long> streamedFromPoint = new HashSet<>();
        Set<Long> streamedBefore = new HashSet<>();
        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            long commit = 0;
            for (SourceEvent e : f.drain(s)) {
                if (e instanceof SourceEvent.Begin b) {
                    commit = b.finalLsn();
                } else if (e instanceof SourceEvent.Change c) {
                    long id = ((Number) c.change().values()[0]).longValue();
                    (Long.compareUnsigned(commit, point.value()) >= 0 ? streamedFromPoint : streamedBefore).add(id);
                }
            }
        }
        Set<Long> all = new HashSet<>();
        try (Connection c = TestPostgres.connect(f.db); var st = c.createStatement();
             var rs = st.executeQuery("SELECT id FROM events")) {
            while (rs.next()) {
                all.add(rs.getLong(1));
            }
        }
        assertTrue(!streamedBefore.isEmpty() && !streamedFromPoint.isEmpty(),
                "the load ran on both sides of X: " + streamedBefore.size() + " before, " + streamedFromPoint.size() + " after");
        Set<Long> both = new HashSet<>(snapshot);
        both.retainAll(streamedFromPoint);
        assertEquals(Set.of(), both, "rows both in the snapshot and streamed from X (overlap)");
        Set<Long> union = new HashSet<>(snapshot);
        union.addAll(streamedFromPoint);
        List<Long> missing = new ArrayList<>(all);
        missing.removeAll(union);
        assertEquals(List.of(), missing, "rows neither in the snapshot nor streamed from X (gap)");
        assertTrue(snapshot.containsAll(streamedBefore), "every row committed before X is in the snapshot");
    }
}
