package dev.pipedeck.engine;

import dev.pipedeck.testing.RowVerifier;
import dev.pipedeck.catalog.PipeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A worker killed with SIGKILL in the middle of streaming: another takes its pipe over and nothing is lost or doubled. */
class WorkerTakeoverTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void secondWorkerTakesOverAfterSigkillWithinTenSeconds(@TempDir Path dir) throws Exception {
        String file = dir.resolve("takeover.duckdb").toString();
        try (EngineFixture f = new EngineFixture("takeover")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 5_000);
            }
            f.createPipe("takeover", "duckdb:" + file, "public.orders", 1_000, Duration.ofMillis(100));
            Process victim = WorkerProcessMain.spawn(f.catalogUrl, "victim", dir.resolve("victim.log"));
            long lastLsn;
            long takeoverMillis;
            try (OrdersWorkload load = new OrdersWorkload(f::source, 1_000_000, 1_000)) {
                f.waitFor("takeover", p -> p.status() == PipeStatus.RUNNING && "victim".equals(p.ownerWorker()), WAIT,
                        "RUNNING under the victim worker");
                long batchesBefore = f.pipe("takeover").rowsSynced();
                f.waitFor("takeover", p -> p.rowsSynced() > batchesBefore + 500, WAIT, "more rows synced");
                victim.destroyForcibly(); // SIGKILL on Linux
                assertTrue(victim.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
                long killedAt = System.nanoTime();
                f.startWorker("heir");
                f.waitFor("takeover", p -> "heir".equals(p.ownerWorker()) && p.status() == PipeStatus.RUNNING, WAIT,
                        "RUNNING under the second worker");
                takeoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
                Thread.sleep(1_000);
                lastLsn = load.stop();
            } finally {
                victim.destroyForcibly();
            }
            assertTrue(takeoverMillis < 10_000, "taken over in " + takeoverMillis + " ms; victim log: "
                    + Files.readString(dir.resolve("victim.log")));
            f.waitCaughtUp("takeover", lastLsn, WAIT);
            f.control.pause("takeover", EngineFixture.TEST);
            f.waitForStatus("takeover", PipeStatus.PAUSED, WAIT);
            Map<Long, String> expected;
            try (Connection c = f.source()) {
                expected = OrdersTable.sourceRows(c, "orders");
            }
            RowVerifier.compare(expected, OrdersTable.duckRows(file, "orders")).assertClean("after the takeover");
        }
    }
}
