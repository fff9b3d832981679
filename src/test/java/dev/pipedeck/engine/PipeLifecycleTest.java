package dev.pipedeck.engine;

import dev.pipedeck.testing.RowVerifier;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Create → snapshot → running under load, pause (status, frozen destination, slot growing, consistent-as-of), resume
 * (backlog arrives), equality row by row — into a real DuckDB file and a real ClickHouse server.
 */
class PipeLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    interface DestinationRows {
        Map<Long, String> read() throws Exception;
    }

    @Test
    void duckDbPipeRunsPausesAndResumesWithoutLosingOrDoublingRows(@TempDir Path dir) throws Exception {
        String file = dir.resolve("dest.duckdb").toString();
        try (EngineFixture f = new EngineFixture("life_duck")) {
            lifecycle(f, "duckdb:" + file, () -> OrdersTable.duckRows(file, "orders"), true);
        }
    }

    @Test
    void clickHousePipeRunsPausesAndResumesWithoutLosingOrDoublingRows() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("life_ch_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("life_ch")) {
            lifecycle(f, ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD),
                    () -> OrdersTable.clickHouseRows(ch::query, db, "orders"), false);
        }
    }

    private void lifecycle(EngineFixture f, String destination, DestinationRows destinationRows, boolean readOnlyWhenPaused)
            throws Exception {
        f.sql(OrdersTable.DDL);
        try (Connection c = f.source()) {
            for (int i = 0; i < 10; i++) {
                OrdersTable.insert(c, i * 2_000L, 2_000);
            }
        }
        f.createPipe("orders-pipe", destination, "public.orders", 5_000, Duration.ofMillis(200));
        f.startWorker("w1");
        long lastLsn;
        try (OrdersWorkload load = new OrdersWorkload(f::source, 1_000_000, 400)) {
            f.waitForStatus("orders-pipe", PipeStatus.RUNNING, WAIT);
            Thread.sleep(1_500);
            lastLsn = load.stop();
        }
        f.waitCaughtUp("orders-pipe", lastLsn, WAIT);

        // pause: status PAUSED, destination equal to the source as of the last commit
        ControlResult r = f.control.pause("orders-pipe", EngineFixture.TEST);
        assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
        Pipe paused = f.waitForStatus("orders-pipe", PipeStatus.PAUSED, WAIT);
        assertNotNull(paused.consistentLsn(), "consistent-as-of recorded");
        assertNotNull(paused.consistentCommitTime());
        assertTrue(Long.compareUnsigned(paused.consistentLsn(), lastLsn) >= 0);
        Map<Long, String> atPause;
        try (Connection c = f.source()) {
            atPause = OrdersTable.sourceRows(c, "orders");
        }
        RowVerifier.compare(atPause, destinationRows.read()).assertClean("destination equals the source when paused");

        // writes during the pause stay out of the destination while the slot's retained WAL grows
        MetricsRepository metrics = new MetricsRepository(f.catalog.dataSource());
        Instant beforeWrites = Instant.now();
        Thread.sleep(1_200);
        long retainedBefore = latestRetained(metrics, paused.id(), beforeWrites);
        try (Connection c = f.source()) {
            OrdersTable.insert(c, 5_000_000, 3_000);
        }
        f.sql("UPDATE orders SET status = 'during-pause' WHERE id < 100", "DELETE FROM orders WHERE id BETWEEN 100 AND 199");
        Instant afterWrites = Instant.now();
        Thread.sleep(1_500);
        long retainedAfter = latestRetained(metrics, paused.id(), afterWrites);
        assertTrue(retainedAfter > retainedBefore, "retained WAL grows while paused: " + retainedBefore + " -> " + retainedAfter);
        RowVerifier.compare(atPause, destinationRows.read()).assertClean("nothing written during the pause reaches the destination");
        assertEquals(PipeStatus.PAUSED, f.pipe("orders-pipe").status());

        // resume: the backlog arrives, status RUNNING, equality again
        assertEquals(ControlResult.Outcome.ACCEPTED, f.control.resume("orders-pipe", EngineFixture.TEST).outcome());
        f.waitForStatus("orders-pipe", PipeStatus.RUNNING, WAIT);
        long end = f.walPosition();
        f.sql("INSERT INTO orders (id, customer_id, amount, status, note) VALUES (9000000, 1, 1.00, 'last', 'x')");
        f.waitCaughtUp("orders-pipe", end, WAIT);
        if (readOnlyWhenPaused) {
            f.control.pause("orders-pipe", EngineFixture.TEST);
            f.waitForStatus("orders-pipe", PipeStatus.PAUSED, WAIT);
        }
        Map<Long, String> expected;
        try (Connection c = f.source()) {
            expected = OrdersTable.sourceRows(c, "orders");
        }
        Map<Long, String> actual = destinationRows.read();
        RowVerifier.compare(expected, actual).assertClean("destination equals the source after resume");
        List<dev.pipedeck.catalog.AuditEvent> audit = f.control.repository().audit("orders-pipe", 100);
        assertTrue(audit.stream().anyMatch(e -> "PAUSED".equals(e.toState()) && e.actor().kind() == dev.pipedeck.catalog.Actor.Kind.ENGINE));
    }

    private static long latestRetained(MetricsRepository metrics, long pipeId, Instant since) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<SlotSampleRow> s = metrics.slotSamples(pipeId, since);
            if (!s.isEmpty() && s.get(s.size() - 1).retainedWalBytes() != null) {
                return s.get(s.size() - 1).retainedWalBytes();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no slot sample since " + since);
    }
}
