package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several workers on one catalog: every pipe has exactly one owner, and a worker that stops hands its pipes over. */
class SharedWorkersTest {
    @Test
    void twoWorkersShareThePipesWithOneOwnerEachAndHandOverOnClose(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("shared")) {
            f.sql(OrdersTable.DDL);
            for (int i = 0; i < 4; i++) {
                f.createPipe("p" + i, "duckdb:" + dir.resolve("p" + i + ".duckdb"), "public.orders", 1_000, Duration.ofMillis(100));
            }
            Worker a = f.startWorker("a");
            Worker b = f.startWorker("b");
            for (int i = 0; i < 4; i++) {
                f.waitForStatus("p" + i, PipeStatus.RUNNING, Duration.ofSeconds(60));
            }
            Set<Long> ownedByA = a.ownedPipes();
            Set<Long> ownedByB = b.ownedPipes();
            Set<Long> both = new HashSet<>(ownedByA);
            both.retainAll(ownedByB);
            assertTrue(both.isEmpty(), "no pipe has two owners: " + both);
            Set<Long> all = new HashSet<>(ownedByA);
            all.addAll(ownedByB);
            assertEquals(4, all.size(), "every pipe has an owner");
            for (int i = 0; i < 4; i++) {
                Pipe p = f.pipe("p" + i);
                assertEquals(ownedByA.contains(p.id()) ? "a" : "b", p.ownerWorker());
            }
            Worker leaving = ownedByA.isEmpty() ? b : a;
            Worker staying = leaving == a ? b : a;
            leaving.close();
            for (int i = 0; i < 4; i++) {
                f.waitFor("p" + i, p -> staying.id().equals(p.ownerWorker()) && p.status() == PipeStatus.RUNNING,
                        Duration.ofSeconds(30), "owned by the remaining worker");
            }
            assertEquals(4, staying.ownedPipes().size());
        }
    }
}
