package dev.pipedeck.engine;

import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.testing.ClickHouseTestServer;
import dev.pipedeck.testing.RowVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resync of a whole pipe against real servers, under a concurrent insert/update/delete load: a pipe whose slot was
 * dropped by hand fails, is brought back by a resync, and the destination then equals the source row by row; a
 * reader querying the destination throughout never sees the table missing or half filled.
 */
class ResyncTest {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int SEED = 20_000;

    @Test
    void droppedSlotFailsThenResyncBringsItBackOnClickHouse() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("resync_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("resync_ch")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, SEED);
            }
            f.createPipe("again", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD), "public.orders", 1_000,
                    Duration.ofMillis(200));
            f.startWorker("w1");
            Pipe running = f.waitForStatus("again", PipeStatus.RUNNING, WAIT);
            long batchesBefore = batches(f, running.id());

            long lastLsn;
            List<String> readerProblems = new CopyOnWriteArrayList<>();
            AtomicLong reads = new AtomicLong();
            AtomicBoolean reading = new AtomicBoolean(true);
            try (OrdersWorkload load = new OrdersWorkload(f::source, 1_000_000, 200)) {
                f.sql("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                        + running.slotName() + "' AND NOT active");
                // an active slot cannot be dropped: terminate its walsender first, then drop it before it reconnects
                f.sql("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '"
                        + running.slotName() + "' AND active");
                dropSlotWhenFree(f, running.slotName());
                Pipe failed = f.waitForStatus("again", PipeStatus.FAILED, WAIT);
                assertTrue(failed.statusReason().contains("pipedeck pipe resync again"), failed.statusReason());

                Thread reader = new Thread(() -> {
                    while (reading.get()) {
                        try {
                            long n = Long.parseLong(ch.query("SELECT count() FROM " + db + ".orders FINAL WHERE "
                                    + "_peerdb_is_deleted = 0").strip());
                            reads.incrementAndGet();
                            if (n < SEED * 9L / 10) {
                                readerProblems.add("a reader saw " + n + " rows");
                            }
                        } catch (RuntimeException e) {
                            readerProblems.add("a reader failed: " + e.getMessage());
                        }
                    }
                }, "resync-reader");
                reader.setDaemon(true);
                reader.start();
                try {
                    ControlResult r = f.control.resync("again", EngineFixture.TEST);
                    assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
                    assertEquals(PipeStatus.RESYNCING, f.pipe("again").status());
                    f.waitFor("again", p -> p.status() == PipeStatus.RUNNING && p.statusReason() != null
                            && !p.statusReason().startsWith("retrying"), WAIT, "RUNNING after the resync");
                } finally {
                    reading.set(false);
                    reader.join(30_000);
                }
                lastLsn = load.stop();
            }
            f.waitCaughtUp("again", lastLsn, WAIT);
            Map<Long, String> expected;
            try (Connection c = f.source()) {
                expected = OrdersTable.sourceRows(c, "orders");
            }
            RowVerifier.compare(expected, OrdersTable.clickHouseRows(ch::query, db, "orders")).assertClean("after the resync");
            assertTrue(reads.get() > 0, "the reader never got an answer");
            assertEquals(List.of(), readerProblems, "a reader during the resync saw a missing or half-filled table");
            assertEquals("0", ch.query("SELECT count() FROM system.tables WHERE database = '" + db
                    + "' AND name LIKE '%resync%'").strip(), "shadow or replaced tables left behind");
            // the batches before the resync are kept as history, and the trail says what happened
            assertTrue(batches(f, running.id()) > batchesBefore);
            List<AuditEvent> trail = f.control.repository().audit("again", 50);
            assertTrue(trail.stream().anyMatch(e -> e.action().equals("resync") && e.message().startsWith("resync done")),
                    trail.toString());
            assertTrue(f.control.repository().resyncs().lastCopy(running.id()).isPresent());
            assertEquals(1, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                    + running.slotName() + "'"));
        }
    }

    @Test
    void pausedPipeIsResyncedOnDuckDbWhileTheLoadRuns(@TempDir Path dir) throws Exception {
        String file = dir.resolve("resync.duckdb").toString();
        try (EngineFixture f = new EngineFixture("resync_duck")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 5_000);
            }
            f.createPipe("fresh", "duckdb:" + file, "public.orders", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("fresh", PipeStatus.RUNNING, WAIT);
            long lastLsn;
            try (OrdersWorkload load = new OrdersWorkload(f::source, 1_000_000, 200)) {
                ControlResult refused = f.control.resync("fresh", EngineFixture.TEST);
                assertEquals(ControlResult.Outcome.REFUSED, refused.outcome(), refused.message());
                assertTrue(refused.message().contains("pause the pipe first"), refused.message());
                f.control.pause("fresh", EngineFixture.TEST);
                f.waitForStatus("fresh", PipeStatus.PAUSED, WAIT);
                ControlResult r = f.control.resync("fresh", EngineFixture.TEST);
                assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
                ControlResult again = f.control.resync("fresh", EngineFixture.TEST);
                assertEquals(ControlResult.Outcome.NO_OP, again.outcome(), again.message());
                f.waitFor("fresh", p -> p.status() == PipeStatus.RUNNING, WAIT, "RUNNING after the resync");
                lastLsn = load.stop();
            }
            f.waitCaughtUp("fresh", lastLsn, WAIT);
            f.control.pause("fresh", EngineFixture.TEST);
            f.waitForStatus("fresh", PipeStatus.PAUSED, WAIT);
            Map<Long, String> expected;
            try (Connection c = f.source()) {
                expected = OrdersTable.sourceRows(c, "orders");
            }
            RowVerifier.compare(expected, OrdersTable.duckRows(file, "orders")).assertClean("after the resync");
            try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + file);
                 java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables "
                         + "WHERE table_name LIKE '%resync%'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "shadow tables left behind");
            }
            assertFalse(f.control.repository().resyncs().pending(f.pipe("fresh").id()));
        }
    }

    @Test
    void droppedPublicationIsRepairedByAResyncThatANewWorkerCarriesOutOverAStaleShadow(@TempDir Path dir) throws Exception {
        String file = dir.resolve("pubgone.duckdb").toString();
        try (EngineFixture f = new EngineFixture("resync_pub")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 20_000);
            }
            Pipe created = f.createPipe("pubgone", "duckdb:" + file, "public.orders", 1_000, Duration.ofMillis(200));
            Worker w1 = f.startWorker("w1");
            f.waitForStatus("pubgone", PipeStatus.RUNNING, WAIT);
            f.sql("DROP PUBLICATION \"" + created.publicationName() + "\"");
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 200_000, 10);
            }
            Pipe failed = f.waitForStatus("pubgone", PipeStatus.FAILED, WAIT);
            assertTrue(failed.statusReason().contains("pipedeck pipe resync pubgone"), failed.statusReason());

            long lastLsn;
            try (OrdersWorkload load = new OrdersWorkload(f::source, 1_000_000, 200)) {
                // the owner goes away; what an interrupted resync leaves behind (a shadow with stale rows) is there
                w1.close();
                try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + file);
                     java.sql.Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE orders_resync AS SELECT * FROM orders WHERE id < 10");
                    st.execute("UPDATE orders_resync SET id = -id - 1");
                }
                assertEquals(ControlResult.Outcome.ACCEPTED, f.control.resync("pubgone", EngineFixture.TEST).outcome());
                assertTrue(f.control.repository().resyncs().pending(created.id()));
                f.startWorker("w2");
                f.waitFor("pubgone", p -> p.status() == PipeStatus.RUNNING, WAIT, "RUNNING after the resync");
                lastLsn = load.stop();
            }
            f.waitCaughtUp("pubgone", lastLsn, WAIT);
            f.control.pause("pubgone", EngineFixture.TEST);
            f.waitForStatus("pubgone", PipeStatus.PAUSED, WAIT);
            Map<Long, String> expected;
            try (Connection c = f.source()) {
                expected = OrdersTable.sourceRows(c, "orders");
            }
            RowVerifier.compare(expected, OrdersTable.duckRows(file, "orders")).assertClean("after the resync");
            assertEquals(1, f.sourceLong("SELECT count(*) FROM pg_publication WHERE pubname = '"
                    + created.publicationName() + "'"), "the publication is back");
            List<AuditEvent> done = f.control.repository().audit("pubgone", 100).stream()
                    .filter(e -> e.message() != null && e.message().startsWith("resync done")).toList();
            assertEquals(1, done.size(), "one resync was completed");
        }
    }

    private static void dropSlotWhenFree(EngineFixture f, String slot) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'") > 0) {
            try {
                f.sql("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '" + slot
                        + "' AND active", "SELECT pg_drop_replication_slot('" + slot + "')");
            } catch (java.sql.SQLException e) {
                // still active (the worker reconnected in between): terminate and try again
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static long batches(EngineFixture f, long pipeId) throws java.sql.SQLException {
        try (Connection c = f.catalog.dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sync_batch WHERE pipe_id = ?")) {
            ps.setLong(1, pipeId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
