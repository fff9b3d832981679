package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.testing.ClickHouseTestServer;
import dev.pipedeck.testing.RowVerifier;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Someone drops a column of a running pipe's ClickHouse table, or the whole table: the pipe must not carry on as if
 * healthy (adding the column back would leave the rows already there without their values) — it fails with a reason
 * that says what happened and to resync, and after the resync the destination equals the source row by row.
 */
class DestinationTamperedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aColumnOrTableDroppedInClickHouseFailsThePipeAndAResyncBringsItBackExact() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("tampered_" + System.nanoTime());
        String dst = ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD);
        try (EngineFixture f = new EngineFixture("tampered")) {
            f.sql(OrdersTable.DDL, "CREATE TABLE gone (id bigint PRIMARY KEY, v text)", "INSERT INTO gone VALUES (1, 'a'), (2, 'b')");
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 100);
            }
            f.createPipe("col", dst, "public.orders", 1_000, Duration.ofMillis(200));
            f.createPipe("tbl", dst, "public.gone", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("col", PipeStatus.RUNNING, WAIT);
            f.waitForStatus("tbl", PipeStatus.RUNNING, WAIT);

            ch.query("ALTER TABLE " + db + ".orders DROP COLUMN amount");
            ch.query("DROP TABLE " + db + ".gone");
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 1_000, 10);
            }
            f.sql("INSERT INTO gone VALUES (3, 'c')");

            Pipe col = f.waitForStatus("col", PipeStatus.FAILED, WAIT);
            assertTrue(col.statusReason().contains("Column amount was dropped from ClickHouse table " + db + ".orders outside PipeDeck"),
                    col.statusReason());
            assertTrue(col.statusReason().contains("pipedeck pipe resync col"), col.statusReason());
            assertFalse(ch.query("SELECT name FROM system.columns WHERE database = '" + db + "' AND table = 'orders'")
                    .lines().anyMatch("amount"::equals), "the column was added back behind the operator's back");
            Pipe tbl = f.waitForStatus("tbl", PipeStatus.FAILED, WAIT);
            assertTrue(tbl.statusReason().contains("ClickHouse table " + db + ".gone has disappeared")
                    && tbl.statusReason().contains("pipedeck pipe resync tbl"), tbl.statusReason());

            for (String name : new String[] {"col", "tbl"}) {
                ControlResult r = f.control.resync(name, EngineFixture.TEST);
                assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
            }
            f.waitFor("col", p -> p.status() == PipeStatus.RUNNING && !p.statusReason().startsWith("retrying"), WAIT, "RUNNING after the resync");
            f.waitFor("tbl", p -> p.status() == PipeStatus.RUNNING && !p.statusReason().startsWith("retrying"), WAIT, "RUNNING after the resync");
            // every row was written before the resyncs were asked for, so the fresh copies hold them all
            Map<Long, String> expected;
            try (Connection c = f.source()) {
                expected = OrdersTable.sourceRows(c, "orders");
            }
            RowVerifier.compare(expected, OrdersTable.clickHouseRows(ch::query, db, "orders")).assertClean("after the resync");
            assertEquals(110, expected.size());
            assertEquals("1\ta\n2\tb\n3\tc", ch.query("SELECT id, v FROM " + db + ".gone FINAL WHERE _peerdb_is_deleted = 0 ORDER BY id").strip());
        }
    }
}
