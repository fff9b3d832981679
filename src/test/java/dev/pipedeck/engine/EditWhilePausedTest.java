package dev.pipedeck.engine;

import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.control.ControlResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A batch size and sync interval edited while paused take effect from the first batch after the resume. */
class EditWhilePausedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void newBatchSizeAndSyncIntervalApplyAfterTheResume(@TempDir Path dir) throws Exception {
        String file = dir.resolve("dest.duckdb").toString();
        try (EngineFixture f = new EngineFixture("edit_settings")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 100);
            }
            f.createPipe("edited", "duckdb:" + file, "public.orders", 10_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("edited", PipeStatus.RUNNING, WAIT);

            // not while running: edits are made while paused
            ControlResult early = f.control.edit("edited", 5, Duration.ofMinutes(10), EngineFixture.TEST);
            assertTrue(early.refused(), early.message());
            assertTrue(early.message().contains("is RUNNING: pause the pipe first"), early.message());

            f.control.pause("edited", EngineFixture.TEST);
            f.waitForStatus("edited", PipeStatus.PAUSED, WAIT);
            ControlResult edit = f.control.edit("edited", 5, Duration.ofMinutes(10), EngineFixture.TEST);
            assertEquals(ControlResult.Outcome.ACCEPTED, edit.outcome(), edit.message());
            Pipe edited = f.pipe("edited");
            assertEquals(5, edited.batchSize());
            assertEquals(Duration.ofMinutes(10), edited.syncInterval());
            AuditEvent audit = f.control.repository().audit("edited", 1).get(0);
            assertEquals("edit", audit.action());
            assertTrue(audit.message().contains("batch size 10,000 -> 5 rows") && audit.message().contains("sync interval 200 ms -> 600000 ms"),
                    audit.message());
            assertEquals(ControlResult.Outcome.NO_OP, f.control.edit("edited", 5, null, EngineFixture.TEST).outcome());

            Instant resumedAt = Instant.now();
            f.control.resume("edited", EngineFixture.TEST);
            f.waitForStatus("edited", PipeStatus.RUNNING, WAIT);
            try (Connection c = f.source()) {
                for (int i = 0; i < 12; i++) {
                    OrdersTable.insert(c, 1_000 + i, 1); // one row per transaction
                }
            }
            // batches now close at 5 rows: 10 of the 12 rows arrive; the last 2 wait for the 10-minute interval
            f.waitFor("edited", p -> p.rowsSynced() >= 100 + 10, WAIT, "110 rows");
            Thread.sleep(2_000);
            assertEquals(110, f.pipe("edited").rowsSynced(), "the 2 rows left wait for the new sync interval");
            List<SyncBatch> after = new MetricsRepository(f.catalog.dataSource()).batchesSince(edited.id(), resumedAt).stream()
                    .filter(b -> b.kind() == SyncBatch.Kind.CDC && b.totals().inserts() > 0).toList();
            assertEquals(2, after.size(), after.toString());
            for (SyncBatch b : after) {
                assertEquals(5, b.totals().inserts(), b.toString());
            }
            // a pause writes what is pending: all 112 rows
            f.control.pause("edited", EngineFixture.TEST);
            f.waitForStatus("edited", PipeStatus.PAUSED, WAIT);
            assertEquals(112, f.pipe("edited").rowsSynced());
            try (Connection c = f.source()) {
                assertEquals(OrdersTable.sourceRows(c, "orders"), OrdersTable.duckRows(file, "orders"), "destination equals the source");
            }
        }
    }
}
