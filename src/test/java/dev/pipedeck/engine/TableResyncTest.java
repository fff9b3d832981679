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
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static dev.pipedeck.engine.TableEditsFixture.EXTRA;
import static dev.pipedeck.engine.TableEditsFixture.EXTRA_MAPPING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resync of one table while the pipe runs, against real servers under a concurrent insert/update/delete load on
 * both tables: the other table streams throughout, the resynced one is copied afresh into its shadow with the
 * stream's later changes written to both, then swapped in — 0 lost, 0 extra, 0 differing in every table, and a reader
 * querying the table throughout never sees it missing or half filled.
 */
class TableResyncTest {
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final int SEED = 40_000;

    @Test
    void oneTableIsResyncedWhileTheOtherStreamsOnClickHouse() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("tresync_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("tresync_ch")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 5_000);
            }
            TableEditsFixture.createExtra(f, SEED);
            Pipe created = f.createPipe("one", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD),
                    "public.orders," + EXTRA_MAPPING, 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("one", PipeStatus.RUNNING, WAIT);
            run(f, created, () -> Long.parseLong(ch.query("SELECT count() FROM " + db + ".extra_orders FINAL WHERE "
                    + "_peerdb_is_deleted = 0").strip()));
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "public.orders"),
                    OrdersTable.clickHouseRows(ch::query, db, "orders")).assertClean("public.orders");
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "extra.orders"),
                    OrdersTable.clickHouseRows(ch::query, db, "extra_orders")).assertClean("the resynced extra.orders");
            assertEquals("0", ch.query("SELECT count() FROM system.tables WHERE database = '" + db
                    + "' AND name LIKE '%resync%'").strip(), "shadow or replaced tables left behind");
        }
    }

    @Test
    void oneTableIsResyncedWhileTheOtherStreamsOnDuckDb(@TempDir Path dir) throws Exception {
        String file = dir.resolve("tresync.duckdb").toString();
        try (EngineFixture f = new EngineFixture("tresync_duck")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 5_000);
            }
            TableEditsFixture.createExtra(f, SEED);
            Pipe created = f.createPipe("oned", "duckdb:" + file, "public.orders," + EXTRA_MAPPING, 1_000,
                    Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("oned", PipeStatus.RUNNING, WAIT);
            try (Connection reader = DriverManager.getConnection("jdbc:duckdb:" + file)) {
                run(f, created, () -> {
                    try (Statement st = reader.createStatement();
                         ResultSet rs = st.executeQuery("SELECT count(*) FROM extra_orders")) {
                        rs.next();
                        return rs.getLong(1);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
            }
            f.control.pause("oned", EngineFixture.TEST);
            f.waitForStatus("oned", PipeStatus.PAUSED, WAIT);
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "public.orders"), OrdersTable.duckRows(file, "orders"))
                    .assertClean("public.orders");
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "extra.orders"), OrdersTable.duckRows(file, "extra_orders"))
                    .assertClean("the resynced extra.orders");
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE "
                         + "'%resync%'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "shadow tables left behind");
            }
        }
    }

    @Test
    void aTableResyncAskedWhilePausedRunsAfterTheResumeOnDuckDb(@TempDir Path dir) throws Exception {
        String file = dir.resolve("tresync_paused.duckdb").toString();
        try (EngineFixture f = new EngineFixture("tresync_paused")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 2_000);
            }
            TableEditsFixture.createExtra(f, 10_000);
            Pipe created = f.createPipe("later", "duckdb:" + file, "public.orders," + EXTRA_MAPPING, 1_000,
                    Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("later", PipeStatus.RUNNING, WAIT);
            f.control.pause("later", EngineFixture.TEST);
            f.waitForStatus("later", PipeStatus.PAUSED, WAIT);
            // rows the destination has that the source does not: only a fresh copy removes them
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
                st.execute("INSERT INTO extra_orders SELECT * REPLACE (id + 50000000 AS id) FROM extra_orders LIMIT 10");
            }
            ControlResult r = f.control.resyncTable("later", EXTRA, EngineFixture.TEST);
            assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
            Thread.sleep(1_000);
            assertEquals(PipeStatus.PAUSED, f.pipe("later").status(), "a paused pipe stays paused");
            assertTrue(f.control.repository().resyncs().pendingTable(created.id()).isPresent());
            f.control.resume("later", EngineFixture.TEST);
            f.waitFor("later", p -> p.status() == PipeStatus.RUNNING
                    && f.control.repository().resyncs().pendingTable(p.id()).isEmpty(), WAIT, "the resync done after the resume");
            f.control.pause("later", EngineFixture.TEST);
            f.waitForStatus("later", PipeStatus.PAUSED, WAIT);
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "extra.orders"), OrdersTable.duckRows(file, "extra_orders"))
                    .assertClean("extra.orders copied afresh after the resume");
        }
    }

    /**
     * Loads both tables, asks for the resync of extra.orders while a reader counts its rows, waits for it to be done
     * with the pipe RUNNING all along, and waits until the pipe has everything the load wrote.
     */
    private static void run(EngineFixture f, Pipe pipe, LongSupplier extraCount) throws Exception {
        List<String> readerProblems = new CopyOnWriteArrayList<>();
        AtomicLong reads = new AtomicLong();
        AtomicBoolean reading = new AtomicBoolean(true);
        Set<PipeStatus> seen = ConcurrentHashMap.newKeySet();
        long lastA;
        long lastB;
        try (OrdersWorkload a = new OrdersWorkload(f::source, 1_000_000, 150);
             OrdersWorkload b = new OrdersWorkload(TableEditsFixture.extra(f), 2_000_000, 150)) {
            Thread.sleep(500);
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    try {
                        long n = extraCount.getAsLong();
                        reads.incrementAndGet();
                        if (n < SEED * 9L / 10) {
                            readerProblems.add("a reader saw " + n + " rows");
                        }
                    } catch (RuntimeException e) {
                        readerProblems.add("a reader failed: " + e.getMessage());
                    }
                }
            }, "table-resync-reader");
            reader.setDaemon(true);
            reader.start();
            long confirmedAtRequest;
            try {
                confirmedAtRequest = f.pipe(pipe.name()).confirmedLsn();
                ControlResult r = f.control.resyncTable(pipe.name(), EXTRA, EngineFixture.TEST);
                assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
                f.waitFor(pipe.name(), p -> {
                    seen.add(p.status());
                    return f.control.repository().resyncs().pendingTable(p.id()).isEmpty();
                }, WAIT, "the resync of extra.orders done");
                Thread.sleep(1_500); // both tables stream on after the swap
            } finally {
                reading.set(false);
                reader.join(30_000);
            }
            assertEquals(Set.of(PipeStatus.RUNNING), seen, "the pipe runs throughout a one-table resync");
            assertTrue(Long.compareUnsigned(f.pipe(pipe.name()).confirmedLsn(), confirmedAtRequest) > 0);
            lastA = a.stop();
            lastB = b.stop();
        }
        f.waitCaughtUp(pipe.name(), Math.max(lastA, lastB), WAIT);
        assertTrue(reads.get() > 0, "the reader never got an answer");
        assertEquals(List.of(), readerProblems, "a reader during the resync saw a missing or half-filled table");
        List<AuditEvent> trail = TableEditsFixture.trail(f, pipe.name());
        assertTrue(trail.stream().anyMatch(e -> e.message() != null
                && e.message().startsWith("resync of table extra.orders done")), trail.toString());
        assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE temporary"), "no temporary slot left");
        assertFalse(f.pipe(pipe.name()).statusReason().startsWith("retrying"), f.pipe(pipe.name()).statusReason());
    }
}
