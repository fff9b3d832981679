package dev.pipedeck.cli;

import dev.pipedeck.catalog.Json;
import dev.pipedeck.engine.Worker;
import dev.pipedeck.testing.TestCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code pipedeck worker list [--json]} and {@code worker --max-pipes} against a real catalog and a real worker. */
class WorkerCommandsTest {
    @Test
    void listShowsEachWorkerItsPipesAndWhetherItStopped() throws Exception {
        try (TestCatalog db = new TestCatalog("workercli")) {
            Map<String, String> env = Map.of("PIPEDECK_CATALOG", db.url(), "PIPEDECK_SECRET_KEY", TestCatalog.SECRET_KEY);
            CliRun empty = CliRun.of(env, "worker", "list");
            assertEquals(0, empty.code(), empty.toString());
            assertTrue(empty.out().contains("no workers yet"), empty.toString());
            db.createPipe("one");
            db.createPipe("two");
            Worker w = new Worker(db.catalog(), db.secrets(), "w1").maxPipes(1);
            w.start();
            try {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (w.ownedPipes().size() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(1_500); // more polls: it must stay at its --max-pipes
                assertEquals(1, w.ownedPipes().size(), "a worker with --max-pipes 1 holds one of two pipes");
                IllegalStateException twin = assertThrows(IllegalStateException.class,
                        () -> new Worker(db.catalog(), db.secrets(), "w1").start());
                assertTrue(twin.getMessage().contains("Another worker with the id w1 is running"), twin.getMessage());
                Map<String, Integer> caps = new dev.pipedeck.catalog.WorkerRepository(db.catalog().dataSource()).liveCapacities();
                assertEquals(1, caps.size(), caps.toString());
                assertEquals(Integer.valueOf(1), caps.get("w1"), "the twin did not overwrite w1's --max-pipes");

                CliRun json = CliRun.of(env, "worker", "list", "--json");
                assertEquals(0, json.code(), json.toString());
                List<?> workers = (List<?>) Json.parse(json.out());
                assertEquals(1, workers.size(), json.out());
                Map<?, ?> one = (Map<?, ?>) workers.get(0);
                assertEquals("w1", one.get("id"));
                assertEquals("LIVE", one.get("state"));
                assertEquals(1L, ((Number) one.get("maxPipes")).longValue());
                assertEquals(1, ((List<?>) one.get("pipes")).size(), json.out());
                CliRun text = CliRun.of(env, "worker", "list");
                assertTrue(text.out().contains("w1") && text.out().contains("LIVE"), text.toString());
            } finally {
                w.close();
            }
            CliRun after = CliRun.of(env, "worker", "list", "--json");
            Map<?, ?> stopped = (Map<?, ?>) ((List<?>) Json.parse(after.out())).get(0);
            assertEquals("STOPPED", stopped.get("state"), after.out());
            assertEquals(Boolean.FALSE, stopped.get("live"));
        }
    }

    @Test
    void maxPipesMustBePositive() {
        CliRun r = CliRun.of(Map.of("PIPEDECK_CATALOG", "jdbc:postgresql://127.0.0.1:1/none"), "worker", "--max-pipes", "0");
        assertEquals(PipedeckCommand.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--max-pipes must be at least 1"), r.toString());
    }
}
