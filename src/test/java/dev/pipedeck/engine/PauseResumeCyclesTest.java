package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.testing.RowVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pause and resume at random moments, during the initial copy too, under a concurrent insert/update/delete load. */
class PauseResumeCyclesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void twentyFiveRandomPauseResumeCyclesLoseAndDoubleNothing(@TempDir Path dir) throws Exception {
        runCycles(dir, 25, 7);
    }

    /** {@code cycles} random pause/resume cycles (the first ones during the copy), then a row-by-row comparison. */
    static void runCycles(Path dir, int cycles, long seed) throws Exception {
        String file = dir.resolve("cycles.duckdb").toString();
        Random random = new Random(seed);
        try (EngineFixture f = new EngineFixture("cycles")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                for (int i = 0; i < 40; i++) {
                    OrdersTable.insert(c, i * 5_000L, 5_000); // 200,000 rows: the copy takes a while
                }
            }
            f.createPipe("cycles", "duckdb:" + file, "public.orders", 2_000, Duration.ofMillis(100));
            f.startWorker("w1");
            int pausedDuringSnapshot = 0;
            long lastLsn;
            try (OrdersWorkload load = new OrdersWorkload(f::source, 10_000_000, 500)) {
                f.waitFor("cycles", p -> p.status() == PipeStatus.SNAPSHOT, WAIT, "SNAPSHOT");
                for (int cycle = 0; cycle < cycles; cycle++) {
                    Thread.sleep(random.nextInt(cycle < 3 ? 150 : 700));
                    Pipe before = f.pipe("cycles");
                    if (!before.snapshotDone()) {
                        pausedDuringSnapshot++;
                    }
                    f.control.pause("cycles", EngineFixture.TEST);
                    f.waitForStatus("cycles", PipeStatus.PAUSED, WAIT);
                    Thread.sleep(random.nextInt(300));
                    if (cycle == cycles / 2) {
                        f.sql(OrdersTable.ADD_DEFAULTED); // older rows read 5 without any change event
                    }
                    f.control.resume("cycles", EngineFixture.TEST);
                    f.waitFor("cycles", p -> Set.of(PipeStatus.RUNNING, PipeStatus.SNAPSHOT).contains(p.status()), WAIT,
                            "RUNNING or SNAPSHOT");
                }
                f.waitForStatus("cycles", PipeStatus.RUNNING, WAIT);
                Thread.sleep(500);
                lastLsn = load.stop();
            }
            assertTrue(pausedDuringSnapshot > 0, "at least one pause happened during the initial copy");
            f.waitCaughtUp("cycles", lastLsn, WAIT);
            f.control.pause("cycles", EngineFixture.TEST);
            f.waitForStatus("cycles", PipeStatus.PAUSED, WAIT);
            Map<Long, String> expected;
            try (Connection c = f.source()) {
                expected = OrdersTable.sourceRows(c, "orders");
            }
            RowVerifier.compare(expected, OrdersTable.duckRows(file, "orders"))
                    .assertClean("after " + cycles + " pause/resume cycles");
        }
    }
}
