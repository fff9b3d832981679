package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeEdit;
import dev.pipedeck.engine.verify.PipeVerifier;
import dev.pipedeck.engine.verify.TableVerdict;
import dev.pipedeck.engine.verify.VerifyReport;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables with odd identifiers (upper case, spaces, quotes, dots, unicode, reserved words) through the table edit
 * paths, against real servers: added to a paused pipe (one mapped to another destination name, one not), streamed,
 * resynced alone while the pipe runs, and removed — and each time the destination equals the source row by row.
 */
class OddTableEditsTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** A reserved word as schema, a space and upper case in the table, a reserved word and unicode in columns. */
    static final TableRef ITEMS = new TableRef("select", "Order Items");
    /** A dot and a quote in the schema, a dot, a quote and unicode in the table. */
    static final TableRef ODD = new TableRef("we.ird \"Sch\"", "Ta\"b.le ü");
    private static final String ODD_DEST = "odd dest.Ü";

    @Test
    void oddIdentifiersAddResyncRemoveOnDuckDb(@TempDir Path dir) throws Exception {
        run("oddduck", "duckdb:" + dir.resolve("odd.duckdb"));
    }

    @Test
    void oddIdentifiersAddResyncRemoveOnClickHouse() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("odd_" + System.nanoTime());
        run("oddch", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD));
        assertEquals("0", ch.query("SELECT count() FROM system.tables WHERE database = '" + db
                + "' AND name LIKE '%resync%'").strip(), "shadow tables left behind");
    }

    private static void run(String name, String destination) throws Exception {
        try (EngineFixture f = new EngineFixture(name)) {
            f.sql("CREATE TABLE base (id bigint PRIMARY KEY, v text)",
                    "INSERT INTO base SELECT g, 'b' || g FROM generate_series(1, 200) g",
                    "CREATE SCHEMA \"select\"",
                    "CREATE TABLE " + ITEMS.quoted() + " (\"ID\" bigint PRIMARY KEY, \"user\" text, \"Qty.Ü\" int, "
                            + "\"say \"\"hi\"\"\" text, \"order\" numeric(10,2))",
                    "INSERT INTO " + ITEMS.quoted() + " SELECT g, 'u' || g, g % 9, 'q\"' || g, g * 1.5 "
                            + "FROM generate_series(1, 3000) g",
                    "CREATE SCHEMA " + TableRef.quoteIdent(ODD.schema()),
                    "CREATE TABLE " + ODD.quoted() + " (\"k.ey\" int PRIMARY KEY, \"Wert €\" text)",
                    "INSERT INTO " + ODD.quoted() + " SELECT g, 'w' || g FROM generate_series(1, 1500) g");
            Pipe created = f.createPipe(name, destination, "public.base", 500, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus(name, PipeStatus.RUNNING, WAIT);
            f.control.pause(name, EngineFixture.TEST);
            f.waitForStatus(name, PipeStatus.PAUSED, WAIT);

            List<TableMapping> add = TableMapping.parseList(ITEMS.quoted() + "," + ODD.quoted() + ":" + ODD_DEST);
            assertEquals(List.of(new TableMapping(ITEMS, "Order Items"), new TableMapping(ODD, ODD_DEST)), add);
            ControlResult edit = f.control.edit(name, new PipeEdit(add, List.of(), null, null), EngineFixture.TEST);
            assertEquals(ControlResult.Outcome.ACCEPTED, edit.outcome(), edit.message());
            f.sql("INSERT INTO " + ITEMS.quoted() + " VALUES (5000, 'while paused', 1, 'x', 1)",
                    "UPDATE " + ODD.quoted() + " SET \"Wert €\" = 'paused' WHERE \"k.ey\" < 10");
            f.control.resume(name, EngineFixture.TEST);
            f.waitFor(name, p -> p.status() == PipeStatus.RUNNING && !f.control.repository().tableCopies().any(p.id()),
                    WAIT, "RUNNING with the added tables copied");
            long before = f.walPosition();
            f.sql("INSERT INTO " + ITEMS.quoted() + " VALUES (5001, 'after', 2, 'y', 2)",
                    "UPDATE " + ITEMS.quoted() + " SET \"user\" = 'changed' WHERE \"ID\" % 100 = 0",
                    "DELETE FROM " + ITEMS.quoted() + " WHERE \"ID\" BETWEEN 10 AND 19",
                    "UPDATE " + ODD.quoted() + " SET \"Wert €\" = 'later' WHERE \"k.ey\" % 50 = 0",
                    "DELETE FROM " + ODD.quoted() + " WHERE \"k.ey\" = 7",
                    "INSERT INTO base VALUES (1000, 'late')");
            f.waitCaughtUp(name, before, WAIT);
            assertMatches(f, name, "after the add");
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE temporary AND database = current_database()"), "temporary slot left");

            // one table afresh, alone, while the pipe runs and the table changes
            for (TableRef t : List.of(ITEMS, ODD)) {
                ControlResult resync = f.control.resyncTable(name, t, EngineFixture.TEST);
                assertEquals(ControlResult.Outcome.ACCEPTED, resync.outcome(), resync.message());
                f.sql("UPDATE " + ITEMS.quoted() + " SET \"Qty.Ü\" = -1 WHERE \"ID\" % 7 = 0",
                        "UPDATE " + ODD.quoted() + " SET \"Wert €\" = 'during' WHERE \"k.ey\" % 3 = 0");
                f.waitFor(name, p -> f.control.repository().resyncs().pendingTable(p.id()).isEmpty(), WAIT,
                        "the resync of table " + t + " done");
                Pipe p = f.pipe(name);
                assertEquals(PipeStatus.RUNNING, p.status(), p.statusReason() + " / " + p.lastError());
                catchUp(f, name);
                assertMatches(f, name, "after the resync of " + t);
            }

            f.control.pause(name, EngineFixture.TEST);
            f.waitForStatus(name, PipeStatus.PAUSED, WAIT);
            ControlResult remove = f.control.edit(name, new PipeEdit(List.of(), List.of(ODD), null, null), EngineFixture.TEST);
            assertEquals(ControlResult.Outcome.ACCEPTED, remove.outcome(), remove.message());
            f.control.resume(name, EngineFixture.TEST);
            f.waitForStatus(name, PipeStatus.RUNNING, WAIT);
            f.sql("DELETE FROM " + ODD.quoted(), "INSERT INTO " + ITEMS.quoted() + " VALUES (6000, 'end', 3, 'z', 3)");
            catchUp(f, name);
            Pipe p = f.pipe(name);
            assertEquals(PipeStatus.RUNNING, p.status(), p.statusReason() + " / " + p.lastError());
            assertMatches(f, name, "after the removal");
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_publication_tables WHERE pubname = '"
                    + created.publicationName() + "' AND tablename = '" + ODD.name().replace("'", "''") + "'"),
                    "the removed table left the publication");
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE temporary AND database = current_database()"), "temporary slot left");
        }
    }

    /** Waits until the pipe has applied what the source has now (a marker transaction after it shows when). */
    private static void catchUp(EngineFixture f, String name) throws Exception {
        long now = f.walPosition();
        f.sql("INSERT INTO base VALUES (" + (2_000_000 + (now % 1_000_000)) + ", 'marker') ON CONFLICT DO NOTHING");
        f.waitCaughtUp(name, now, WAIT);
    }

    private static void assertMatches(EngineFixture f, String name, String when) {
        PipeVerifier verifier = new PipeVerifier(new PipeCredentials(f.secrets), Duration.ofMillis(500), 20, 1000);
        VerifyReport r = verifier.verify(f.pipe(name), null, PipeVerifier.Progress.NONE);
        for (TableVerdict t : r.tables()) {
            assertTrue(t.matches(), when + ": " + t.text());
        }
        assertEquals(f.pipe(name).tables().size(), r.tables().size(), when + ": every table compared");
    }
}
