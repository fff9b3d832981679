package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeEdit;
import dev.pipedeck.testing.ClickHouseTestServer;
import dev.pipedeck.testing.RowVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.pipedeck.engine.TableEditsFixture.EXTRA;
import static dev.pipedeck.engine.TableEditsFixture.EXTRA_MAPPING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables added to and removed from a paused pipe, against real servers under a concurrent insert/update/delete load on
 * both tables: an added table is copied alone (MODIFYING) at a point of its own and then streams, equal to the source
 * row by row, the rows written to it during its copy included; a removed table's later changes are ignored (also
 * those still in the slot from before the publication changed), its destination table and counters stay.
 */
class AddRemoveTablesTest {
    private static final Duration WAIT = Duration.ofSeconds(240);

    @Test
    void addedTableIsCopiedAloneThenStreamsOnClickHouse() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("add_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("add_ch")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 5_000);
            }
            TableEditsFixture.createExtra(f, 60_000);
            Pipe created = f.createPipe("adds", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD), "public.orders",
                    1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("adds", PipeStatus.RUNNING, WAIT);
            Set<PipeStatus> seen = ConcurrentHashMap.newKeySet();
            long lastA;
            long lastB;
            try (OrdersWorkload a = new OrdersWorkload(f::source, 1_000_000, 150);
                 OrdersWorkload b = new OrdersWorkload(TableEditsFixture.extra(f), 2_000_000, 150)) {
                f.control.pause("adds", EngineFixture.TEST);
                f.waitForStatus("adds", PipeStatus.PAUSED, WAIT);
                ControlResult edit = f.control.edit("adds", new PipeEdit(List.of(TableMapping.parseList(EXTRA_MAPPING).get(0)),
                        List.of(), null, null), EngineFixture.TEST);
                assertEquals(ControlResult.Outcome.ACCEPTED, edit.outcome(), edit.message());
                Thread.sleep(500); // the load writes into both tables while the pipe is paused
                assertEquals(ControlResult.Outcome.ACCEPTED, f.control.resume("adds", EngineFixture.TEST).outcome());
                f.waitFor("adds", p -> {
                    seen.add(p.status());
                    return p.status() == PipeStatus.RUNNING && !f.control.repository().tableCopies().any(p.id());
                }, WAIT, "RUNNING with the added table copied");
                Thread.sleep(1_500); // both tables stream for a while
                lastA = a.stop();
                lastB = b.stop();
            }
            assertTrue(seen.contains(PipeStatus.MODIFYING), "the pipe showed MODIFYING while adding: " + seen);
            f.waitCaughtUp("adds", Math.max(lastA, lastB), WAIT);
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "public.orders"),
                    OrdersTable.clickHouseRows(ch::query, db, "orders")).assertClean("public.orders");
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "extra.orders"),
                    OrdersTable.clickHouseRows(ch::query, db, "extra_orders")).assertClean("the added extra.orders");
            assertEquals("0", ch.query("SELECT count() FROM system.tables WHERE database = '" + db
                    + "' AND name LIKE '%resync%'").strip(), "shadow tables left behind");
            assertEquals(0, TableEditsFixture.catalogLong(f, "SELECT count(*) FROM pipe_table_floor WHERE pipe_id = ?",
                    created.id()), "the floor is forgotten once the pipe is past it");
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE temporary"),
                    "no temporary slot left");
            assertTrue(TableEditsFixture.catalogLong(f, "SELECT snapshot_rows FROM table_counter WHERE pipe_id = ? "
                    + "AND source_table = 'extra.orders'", created.id()) >= 60_000, "the copy is counted for the new table");
        }
    }

    @Test
    void addedTableOnDuckDb(@TempDir Path dir) throws Exception {
        String file = dir.resolve("add.duckdb").toString();
        try (EngineFixture f = new EngineFixture("add_duck")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 5_000);
            }
            TableEditsFixture.createExtra(f, 30_000);
            f.createPipe("addd", "duckdb:" + file, "public.orders", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("addd", PipeStatus.RUNNING, WAIT);
            long lastA;
            long lastB;
            try (OrdersWorkload a = new OrdersWorkload(f::source, 1_000_000, 150);
                 OrdersWorkload b = new OrdersWorkload(TableEditsFixture.extra(f), 2_000_000, 150)) {
                f.control.pause("addd", EngineFixture.TEST);
                f.waitForStatus("addd", PipeStatus.PAUSED, WAIT);
                ControlResult edit = f.control.edit("addd", new PipeEdit(TableMapping.parseList(EXTRA_MAPPING), List.of(),
                        null, null), EngineFixture.TEST);
                assertEquals(ControlResult.Outcome.ACCEPTED, edit.outcome(), edit.message());
                f.control.resume("addd", EngineFixture.TEST);
                f.waitFor("addd", p -> p.status() == PipeStatus.RUNNING
                        && !f.control.repository().tableCopies().any(p.id()), WAIT, "RUNNING with the added table copied");
                Thread.sleep(1_500);
                lastA = a.stop();
                lastB = b.stop();
            }
            f.waitCaughtUp("addd", Math.max(lastA, lastB), WAIT);
            f.control.pause("addd", EngineFixture.TEST);
            f.waitForStatus("addd", PipeStatus.PAUSED, WAIT);
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "public.orders"), OrdersTable.duckRows(file, "orders"))
                    .assertClean("public.orders");
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "extra.orders"), OrdersTable.duckRows(file, "extra_orders"))
                    .assertClean("the added extra.orders");
        }
    }

    @Test
    void removedTableIsIgnoredAndItsDestinationKeptOnClickHouse() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("remove_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("remove_ch")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 5_000);
            }
            TableEditsFixture.createExtra(f, 5_000);
            Pipe created = f.createPipe("removes", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD),
                    "public.orders," + EXTRA_MAPPING, 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("removes", PipeStatus.RUNNING, WAIT);
            long lastA;
            Map<Long, String> extraAtRemoval;
            try (OrdersWorkload a = new OrdersWorkload(f::source, 1_000_000, 150)) {
                try (OrdersWorkload b = new OrdersWorkload(TableEditsFixture.extra(f), 2_000_000, 150)) {
                    Thread.sleep(1_000);
                    f.waitCaughtUp("removes", b.stop(), WAIT);
                }
                extraAtRemoval = TableEditsFixture.sourceRows(f, "extra.orders");
                RowVerifier.compare(extraAtRemoval, OrdersTable.clickHouseRows(ch::query, db, "extra_orders"))
                        .assertClean("extra.orders before its removal");
                long insertsBefore = extraInserts(f, created.id());
                f.control.pause("removes", EngineFixture.TEST);
                f.waitForStatus("removes", PipeStatus.PAUSED, WAIT);
                // written while the table is still published: the slot carries these past the publication change
                try (Connection c = TableEditsFixture.extra(f).call()) {
                    OrdersTable.insert(c, 3_000_000, 500);
                }
                f.sql("UPDATE extra.orders SET status = 'after removal' WHERE id < 100", "DELETE FROM extra.orders WHERE id BETWEEN 100 AND 199");
                ControlResult edit = f.control.edit("removes", new PipeEdit(List.of(), List.of(EXTRA), null, null),
                        EngineFixture.TEST);
                assertEquals(ControlResult.Outcome.ACCEPTED, edit.outcome(), edit.message());
                f.control.resume("removes", EngineFixture.TEST);
                f.waitForStatus("removes", PipeStatus.RUNNING, WAIT);
                try (Connection c = TableEditsFixture.extra(f).call()) {
                    OrdersTable.insert(c, 4_000_000, 500); // after the publication changed
                }
                f.sql("TRUNCATE extra.orders");
                Thread.sleep(1_500);
                lastA = a.stop();
                f.waitCaughtUp("removes", lastA, WAIT);
                Pipe after = f.pipe("removes");
                assertEquals(PipeStatus.RUNNING, after.status(), after.statusReason() + " / " + after.lastError());
                assertEquals(insertsBefore, extraInserts(f, created.id()), "the removed table's counters stay as they were");
            }
            RowVerifier.compare(TableEditsFixture.sourceRows(f, "public.orders"),
                    OrdersTable.clickHouseRows(ch::query, db, "orders")).assertClean("public.orders");
            RowVerifier.compare(extraAtRemoval, OrdersTable.clickHouseRows(ch::query, db, "extra_orders"))
                    .assertClean("the removed table's destination, as it was at the removal");
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_publication_tables WHERE pubname = '"
                    + created.publicationName() + "' AND schemaname = 'extra'"), "taken out of the publication");
            assertEquals(1, TableEditsFixture.catalogLong(f, "SELECT count(*) FROM table_counter WHERE pipe_id = ? "
                    + "AND source_table = 'extra.orders'", created.id()), "its counters are kept as history");
        }
    }

    private static long extraInserts(EngineFixture f, long pipeId) throws SQLException {
        return TableEditsFixture.catalogLong(f, "SELECT inserts FROM table_counter WHERE pipe_id = ? AND source_table "
                + "= 'extra.orders'", pipeId);
    }
}
