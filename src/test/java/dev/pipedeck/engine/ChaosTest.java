package dev.pipedeck.engine;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.testing.RowVerifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long fault suite ({@code mvn -Pchaos verify}): 100 random pause/resume cycles, and a worker process killed with
 * SIGKILL again and again at random points (the first ones during the initial copy) with a new one taking over each
 * time. The short versions run in every {@code verify}.
 */
@Tag("chaos")
class ChaosTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int KILLS = 8;

    @Test
    void hundredRandomPauseResumeCyclesLoseAndDoubleNothing(@TempDir Path dir) throws Exception {
        PauseResumeCyclesTest.runCycles(dir, 100, 11);
    }

    @Test
    void repeatedSigkillsAtRandomPointsLoseAndDoubleNothing(@TempDir Path dir) throws Exception {
        String file = dir.resolve("kills.duckdb").toString();
        Path logs = Files.createDirectories(Path.of("target", "chaos-logs")); // kept after the run, unlike dir
        Random random = new Random(13);
        int duringSnapshot = 0;
        try (EngineFixture f = new EngineFixture("kills")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                for (int i = 0; i < 40; i++) {
                    OrdersTable.insert(c, i * 5_000L, 5_000);
                }
            }
            f.createPipe("kills", "duckdb:" + file, "public.orders", 2_000, Duration.ofMillis(100));
            long lastLsn;
            try (OrdersWorkload load = new OrdersWorkload(f::source, 10_000_000, 1_000)) {
                for (int k = 0; k < KILLS; k++) {
                    String id = "victim-" + k;
                    Path log = logs.resolve(id + ".log");
                    Process victim = WorkerProcessMain.spawn(f.catalogUrl, id, log);
                    try {
                        try {
                            f.waitFor("kills", p -> id.equals(p.ownerWorker())
                                    && (p.status() == PipeStatus.SNAPSHOT || p.status() == PipeStatus.RUNNING), WAIT,
                                    "claimed by " + id);
                        } catch (AssertionError e) {
                            throw new AssertionError(e.getMessage() + "; owner " + f.pipe("kills").ownerWorker()
                                    + ", " + id + (victim.isAlive() ? " alive" : " dead") + ", its log:\n"
                                    + Files.readString(log), e);
                        }
                        Thread.sleep(200 + random.nextInt(k < 3 ? 1_500 : 4_000));
                        if (!f.pipe("kills").snapshotDone()) {
                            duringSnapshot++;
                        }
                    } finally {
                        victim.destroyForcibly(); // SIGKILL on Linux
                    }
                    assertTrue(victim.waitFor(10, TimeUnit.SECONDS), "victim " + id + " did not die");
                }
                f.startWorker("heir");
                f.waitFor("kills", p -> "heir".equals(p.ownerWorker()) && p.status() == PipeStatus.RUNNING, WAIT,
                        "RUNNING under the last worker");
                Thread.sleep(1_000);
                lastLsn = load.stop();
            }
            assertTrue(duringSnapshot > 0, "at least one kill during the initial copy; victim log: "
                    + Files.readString(logs.resolve("victim-0.log")));
            f.waitCaughtUp("kills", lastLsn, WAIT);
            f.control.pause("kills", EngineFixture.TEST);
            f.waitForStatus("kills", PipeStatus.PAUSED, WAIT);
            Map<Long, String> expected;
            try (Connection c = f.source()) {
                expected = OrdersTable.sourceRows(c, "orders");
            }
            RowVerifier.compare(expected, OrdersTable.duckRows(file, "orders"))
                    .assertClean("after " + KILLS + " SIGKILLs");
        }
    }
}
