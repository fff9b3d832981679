package dev.pipedeck.engine;

import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SyncBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One transaction of wide rows, far fewer than a batch's row count but more than a batch's bytes: it is written in
 * several batches (so the worker never holds the whole transaction), only the last confirms it, and every row lands.
 */
class WideTransactionTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aTransactionOfWideRowsIsWrittenInBatchesBoundedInBytes(@TempDir Path dir) throws Exception {
        String file = dir.resolve("dest.duckdb").toString();
        try (EngineFixture f = new EngineFixture("wide_tx")) {
            f.sql(OrdersTable.DDL);
            Pipe pipe = f.createPipe("wide", "duckdb:" + file, "public.orders", 100_000, Duration.ofSeconds(30)); // no batch closes on time meanwhile
            f.startWorker("w1");
            f.waitForStatus("wide", PipeStatus.RUNNING, WAIT);
            Instant before = Instant.now();
            int rows = 1_500;
            int noteChars = 40_000; // 1,500 x 40 kB = 60 MB of notes in one transaction
            try (Connection c = f.source(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO orders (id, customer_id, amount, status, note) SELECT g, g % 7, g / 100.0, 'new', "
                        + "repeat(md5(g::text), " + noteChars / 32 + ") FROM generate_series(1, " + rows + ") g");
            }
            long end = f.walPosition();
            f.sql("INSERT INTO orders (id, customer_id) VALUES (" + (rows + 1) + ", 1)"); // a later commit to be consistent as of
            f.waitCaughtUp("wide", end, WAIT);

            List<SyncBatch> batches = new MetricsRepository(f.catalog.dataSource()).batchesSince(pipe.id(), before).stream()
                    .filter(b -> b.kind() == SyncBatch.Kind.CDC && b.totals().inserts() > 0).toList();
            long written = batches.stream().mapToLong(b -> b.totals().inserts()).sum();
            assertEquals(rows + 1, written, batches.toString());
            long estimatePerRow = noteChars + 96; // a lower bound of StreamPhase's estimate for one of these rows
            long atMost = StreamPhase.BATCH_BYTES / estimatePerRow + 1;
            assertTrue(batches.size() >= 2, "the transaction was split by bytes, not held whole: " + batches);
            for (SyncBatch b : batches) {
                assertTrue(b.totals().inserts() <= atMost, "a batch holds at most " + atMost + " of these rows: " + b);
            }
            try (Connection c = f.source()) {
                assertEquals(OrdersTable.sourceRows(c, "orders"), OrdersTable.duckRows(file, "orders"), "destination equals the source");
            }
        }
    }
}
