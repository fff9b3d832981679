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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schema changes around the table edits, against a real source and a real DuckDB file: a column added to an added
 * table while the pipe is paused, a column added during a one-table resync's copy, and a table dropped at the source
 * after it was added — which must end in a sentence that says what to do, never a class name, and lose nothing.
 */
class TableEditsSchemaChangeTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static Pipe started(EngineFixture f, String name, String file) throws Exception {
        f.sql("CREATE TABLE base (id bigint PRIMARY KEY, v text)",
                "INSERT INTO base SELECT g, 'b' || g FROM generate_series(1, 100) g",
                "CREATE TABLE added (id bigint PRIMARY KEY, v text, n int)",
                "INSERT INTO added SELECT g, 'a' || g, g FROM generate_series(1, 50000) g");
        f.createPipe(name, "duckdb:" + file, "public.base", 2_000, Duration.ofMillis(200));
        f.startWorker("w1");
        return f.waitForStatus(name, PipeStatus.RUNNING, WAIT);
    }

    private static void pauseAndAdd(EngineFixture f, String name) throws Exception {
        f.control.pause(name, EngineFixture.TEST);
        f.waitForStatus(name, PipeStatus.PAUSED, WAIT);
        ControlResult edit = f.control.edit(name, new PipeEdit(TableMapping.parseList("public.added"), List.of(), null, null),
                EngineFixture.TEST);
        assertEquals(ControlResult.Outcome.ACCEPTED, edit.outcome(), edit.message());
    }

    private static void catchUp(EngineFixture f, String name) throws Exception {
        long now = f.walPosition();
        f.sql("INSERT INTO base VALUES (" + (1_000_000 + now % 1_000_000) + ", 'marker') ON CONFLICT DO NOTHING");
        f.waitCaughtUp(name, now, WAIT);
    }

    private static void assertMatches(EngineFixture f, String name, String when) {
        VerifyReport r = new PipeVerifier(new PipeCredentials(f.secrets), Duration.ofMillis(500), 20, 5_000)
                .verify(f.pipe(name), null, PipeVerifier.Progress.NONE);
        for (TableVerdict t : r.tables()) {
            assertTrue(t.matches(), when + ": " + t.text());
        }
    }

    @Test
    void columnAddedToAnAddedTableWhilePaused(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("sc_paused")) {
            started(f, "scp", dir.resolve("scp.duckdb").toString());
            pauseAndAdd(f, "scp");
            f.sql("ALTER TABLE added ADD COLUMN extra text DEFAULT 'x'", "UPDATE added SET extra = 'e' || id WHERE id % 10 = 0");
            f.control.resume("scp", EngineFixture.TEST);
            f.waitFor("scp", p -> p.status() == PipeStatus.RUNNING && !f.control.repository().tableCopies().any(p.id()),
                    WAIT, "RUNNING with the added table copied");
            f.sql("ALTER TABLE added ADD COLUMN later int", "UPDATE added SET later = id, extra = 'u' WHERE id % 7 = 0",
                    "INSERT INTO added VALUES (90000, 'new', 1, 'n', 2)");
            catchUp(f, "scp");
            assertMatches(f, "scp", "after a column was added while paused and one while running");
        }
    }

    @Test
    void columnAddedDuringAOneTableResync(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("sc_resync")) {
            started(f, "scr", dir.resolve("scr.duckdb").toString());
            pauseAndAdd(f, "scr");
            f.control.resume("scr", EngineFixture.TEST);
            f.waitFor("scr", p -> p.status() == PipeStatus.RUNNING && !f.control.repository().tableCopies().any(p.id()),
                    WAIT, "RUNNING with the added table copied");
            f.sql("INSERT INTO added SELECT g, 'more' || g, g FROM generate_series(50001, 300000) g");
            catchUp(f, "scr");
            assertEquals(ControlResult.Outcome.ACCEPTED,
                    f.control.resyncTable("scr", TableRef.parse("public.added"), EngineFixture.TEST).outcome());
            f.waitFor("scr", p -> p.statusReason() != null && p.statusReason().contains("copying it afresh"), WAIT,
                    "the copy under way");
            f.sql("ALTER TABLE added ADD COLUMN during text", "UPDATE added SET during = 'd' || id, n = -n WHERE id % 1000 = 0",
                    "INSERT INTO added VALUES (400000, 'x', 1, 'y')");
            f.waitFor("scr", p -> f.control.repository().resyncs().pendingTable(p.id()).isEmpty(), WAIT, "the resync done");
            catchUp(f, "scr");
            Pipe p = f.pipe("scr");
            assertEquals(PipeStatus.RUNNING, p.status(), p.statusReason() + " / " + p.lastError());
            assertMatches(f, "scr", "after a column was added during the resync's copy");
        }
    }

    @Test
    void tableDroppedAtTheSourceAfterItWasAdded(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("sc_drop")) {
            started(f, "scd", dir.resolve("scd.duckdb").toString());
            pauseAndAdd(f, "scd");
            f.sql("DROP TABLE added", "INSERT INTO base VALUES (500, 'after the drop')");
            f.control.resume("scd", EngineFixture.TEST);
            Pipe p = f.waitFor("scd", x -> x.status() == PipeStatus.FAILED || x.status() == PipeStatus.RUNNING
                    && !f.control.repository().tableCopies().any(x.id()), WAIT, "FAILED or RUNNING");
            String said = p.statusReason() + " " + p.lastError();
            assertEquals(PipeStatus.FAILED, p.status(), said);
            assertTrue(said.contains("Table public.added no longer exists in the source database"), said);
            assertTrue(said.contains("pipedeck pipe edit scd --remove-tables public.added"), said);
            assertFalse(said.contains("Exception") || said.contains("dev.pipedeck") || said.contains("org."), said);
            // the way out the sentence names works: remove the table, resume, nothing of base is lost
            f.control.pause("scd", EngineFixture.TEST);
            f.waitForStatus("scd", PipeStatus.PAUSED, WAIT);
            ControlResult out = f.control.edit("scd", new PipeEdit(List.of(), List.of(TableRef.parse("public.added")), null,
                    null), EngineFixture.TEST);
            assertEquals(ControlResult.Outcome.ACCEPTED, out.outcome(), out.message());
            f.control.resume("scd", EngineFixture.TEST);
            f.waitForStatus("scd", PipeStatus.RUNNING, WAIT);
            catchUp(f, "scd");
            assertMatches(f, "scd", "after the dropped table was taken out");
        }
    }
}
