package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeEdit;
import dev.pipedeck.testing.ClickHouseTestServer;
import dev.pipedeck.testing.RowVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.pipedeck.engine.TableEditsFixture.EXTRA;
import static dev.pipedeck.engine.TableEditsFixture.EXTRA_MAPPING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A copy of one table cut in the middle starts that table over, cleanly, under a concurrent load: an added table's
 * copy whose connection dies (the COPY's backend terminated on the source), and a one-table resync whose worker stops
 * or is killed (SIGKILL) while it copies (another worker takes the pipe and carries the resync out). ClickHouse.
 */
class TableCopyInterruptedTest {
    private static final Duration WAIT = Duration.ofSeconds(300);
    private static final int BIG = 300_000;

    @Test
    void addedTableCopyCutByALostConnectionStartsOver() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("addcut_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("addcut")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 2_000);
            }
            TableEditsFixture.createExtra(f, BIG);
            Pipe created = f.createPipe("addcut", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD), "public.orders",
                    1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("addcut", PipeStatus.RUNNING, WAIT);
            long lastA;
            long lastB;
            try (OrdersWorkload a = new OrdersWorkload(f::source, 1_000_000, 100);
                 OrdersWorkload b = new OrdersWorkload(TableEditsFixture.extra(f), 2_000_000, 100)) {
                f.control.pause("addcut", EngineFixture.TEST);
                f.waitForStatus("addcut", PipeStatus.PAUSED, WAIT);
                ControlResult edit = f.control.edit("addcut", new PipeEdit(TableMapping.parseList(EXTRA_MAPPING), List.of(),
                        null, null), EngineFixture.TEST);
                assertEquals(ControlResult.Outcome.ACCEPTED, edit.outcome(), edit.message());
                f.control.resume("addcut", EngineFixture.TEST);
                assertTrue(terminateCopy(f), "the copy of extra.orders was never seen running");
                f.waitFor("addcut", p -> p.status() == PipeStatus.RUNNING
                        && !f.control.repository().tableCopies().any(p.id()), WAIT, "RUNNING with the added table copied");
                Thread.sleep(1_000);
                lastA = a.stop();
                lastB = b.stop();
            }
            f.waitCaughtUp("addcut", Math.max(lastA, lastB), WAIT);
            assertTrue(TableEditsFixture.trail(f, "addcut").stream().noneMatch(e -> "FAILED".equals(e.toState())),
                    "a lost connection is retried, not a failure");
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "public.orders"),
                    OrdersTable.clickHouseRows(ch::query, db, "orders")).assertClean("public.orders");
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "extra.orders"),
                    OrdersTable.clickHouseRows(ch::query, db, "extra_orders")).assertClean("extra.orders copied again");
            assertEquals(0, TableEditsFixture.catalogLong(f, "SELECT count(*) FROM pipe_table_floor WHERE pipe_id = ?",
                    created.id()));
        }
    }

    @Test
    void tableResyncCutByAWorkerStopIsCarriedOutByTheNextOwner() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("resynccut_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("resynccut")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 2_000);
            }
            TableEditsFixture.createExtra(f, BIG);
            Pipe created = f.createPipe("resynccut", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD),
                    "public.orders," + EXTRA_MAPPING, 5_000, Duration.ofMillis(200));
            Worker w1 = f.startWorker("w1");
            f.waitForStatus("resynccut", PipeStatus.RUNNING, WAIT);
            long lastA;
            long lastB;
            try (OrdersWorkload a = new OrdersWorkload(f::source, 1_000_000, 100);
                 OrdersWorkload b = new OrdersWorkload(TableEditsFixture.extra(f), 2_000_000, 100)) {
                ControlResult r = f.control.resyncTable("resynccut", EXTRA, EngineFixture.TEST);
                assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
                f.waitFor("resynccut", p -> p.statusReason() != null && p.statusReason().contains("resyncing table"),
                        WAIT, "the copy of extra.orders under way");
                w1.close();
                assertTrue(f.control.repository().resyncs().pendingTable(created.id()).isPresent(),
                        "the resync was cut before its swap, so it is still pending");
                f.startWorker("w2");
                f.waitFor("resynccut", p -> f.control.repository().resyncs().pendingTable(p.id()).isEmpty(), WAIT,
                        "the resync done by the next owner");
                Thread.sleep(1_000);
                lastA = a.stop();
                lastB = b.stop();
            }
            f.waitCaughtUp("resynccut", Math.max(lastA, lastB), WAIT);
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "public.orders"),
                    OrdersTable.clickHouseRows(ch::query, db, "orders")).assertClean("public.orders");
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "extra.orders"),
                    OrdersTable.clickHouseRows(ch::query, db, "extra_orders")).assertClean("extra.orders resynced");
            assertEquals("0", ch.query("SELECT count() FROM system.tables WHERE database = '" + db
                    + "' AND name LIKE '%resync%'").strip(), "shadow tables left behind");
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE temporary"));
        }
    }

    @Test
    void tableResyncCutByAKilledWorkerStartsOverWithTheNextOwner(@TempDir Path dir) throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("resynckill_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("resynckill")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 2_000);
            }
            TableEditsFixture.createExtra(f, BIG);
            Pipe created = f.createPipe("resynckill", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD),
                    "public.orders," + EXTRA_MAPPING, 5_000, Duration.ofMillis(200));
            Process victim = WorkerProcessMain.spawn(f.catalogUrl, "victim", dir.resolve("victim.log"));
            try {
                f.waitForStatus("resynckill", PipeStatus.RUNNING, WAIT);
                long lastA;
                long lastB;
                try (OrdersWorkload a = new OrdersWorkload(f::source, 1_000_000, 100);
                     OrdersWorkload b = new OrdersWorkload(TableEditsFixture.extra(f), 2_000_000, 100)) {
                    ControlResult r = f.control.resyncTable("resynckill", EXTRA, EngineFixture.TEST);
                    assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
                    f.waitFor("resynckill", p -> p.statusReason() != null && p.statusReason().contains("resyncing table"),
                            WAIT, "the copy of extra.orders under way");
                    victim.destroyForcibly(); // SIGKILL on Linux
                    assertTrue(victim.waitFor(60, TimeUnit.SECONDS));
                    assertTrue(f.control.repository().resyncs().pendingTable(created.id()).isPresent(),
                            "killed before its swap, the resync is still pending");
                    f.startWorker("w2");
                    f.waitFor("resynckill", p -> f.control.repository().resyncs().pendingTable(p.id()).isEmpty(), WAIT,
                            "the resync done by the next owner");
                    Thread.sleep(1_000);
                    lastA = a.stop();
                    lastB = b.stop();
                }
                f.waitCaughtUp("resynckill", Math.max(lastA, lastB), WAIT);
            } finally {
                victim.destroyForcibly();
            }
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "public.orders"),
                    OrdersTable.clickHouseRows(ch::query, db, "orders")).assertClean("public.orders");
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "extra.orders"),
                    OrdersTable.clickHouseRows(ch::query, db, "extra_orders")).assertClean("extra.orders resynced");
            assertEquals("0", ch.query("SELECT count() FROM system.tables WHERE database = '" + db
                    + "' AND name LIKE '%resync%'").strip(), "shadow tables left behind");
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE temporary"),
                    "the killed worker's temporary slot went with its connection");
        }
    }

    /** Waits for the COPY of extra.orders on the source and terminates its backend; false if it never showed. */
    private static boolean terminateCopy(EngineFixture f) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            long killed = f.sourceLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE "
                    + "'COPY (SELECT %extra%' AND pid <> pg_backend_pid()");
            if (killed > 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
