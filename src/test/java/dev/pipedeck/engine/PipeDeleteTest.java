package dev.pipedeck.engine;

import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.ControlResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delete stops the pipe, drops slot and publication, keeps the destination table and the audit trail. */
class PipeDeleteTest {
    @Test
    void deleteDropsSlotAndPublicationKeepsDestinationAndAudit(@TempDir Path dir) throws Exception {
        String file = dir.resolve("del.duckdb").toString();
        try (EngineFixture f = new EngineFixture("delete")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 500);
            }
            Pipe p = f.createPipe("doomed", "duckdb:" + file, "public.orders", 1_000, Duration.ofMillis(100));
            f.startWorker("w1");
            f.waitForStatus("doomed", PipeStatus.RUNNING, Duration.ofSeconds(60));
            ControlResult r = f.control.delete("doomed", EngineFixture.TEST, true);
            assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (f.control.repository().find("doomed").isPresent()) {
                assertTrue(System.nanoTime() < deadline, "pipe removed from the catalog within 30 s");
                Thread.sleep(50);
            }
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + p.slotName() + "'"));
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_publication WHERE pubname = '" + p.publicationName() + "'"));
            assertEquals(500, OrdersTable.duckRows(file, "orders").size(), "destination table kept");
            List<AuditEvent> audit = f.control.repository().audit("doomed", 50);
            assertTrue(audit.stream().anyMatch(e -> e.action().equals("delete")), "audit keeps the delete");
            assertTrue(audit.stream().anyMatch(e -> e.action().equals("create")), "audit keeps the history");
        }
    }
}
