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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lifecycle edges of the table edits, real source and DuckDB file: a delete during a one-table resync, a whole-pipe
 * resync asked while a one-table resync is under way, and a worker that stops while the pipe is MODIFYING.
 */
class TableEditsLifecycleEdgesTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final TableRef BIG = TableRef.parse("public.big");

    private static void sourceTables(EngineFixture f) throws Exception {
        f.sql("CREATE TABLE base (id bigint PRIMARY KEY, v text)",
                "INSERT INTO base SELECT g, 'b' || g FROM generate_series(1, 100) g",
                "CREATE TABLE big (id bigint PRIMARY KEY, v text)",
                "INSERT INTO big SELECT g, repeat('x', 80) || g FROM generate_series(1, 400000) g");
    }

    private static void copying(EngineFixture f, String name) throws Exception {
        f.waitFor(name, p -> p.statusReason() != null && p.statusReason().contains("copying it afresh"), WAIT,
                "the table's copy under way");
    }

    @Test
    void deleteDuringAOneTableResyncLeavesNoSlot(@TempDir Path dir) throws Exception {
        String file = dir.resolve("del.duckdb").toString();
        try (EngineFixture f = new EngineFixture("edge_del")) {
            sourceTables(f);
            Pipe p = f.createPipe("ed", "duckdb:" + file, "public.base,public.big", 5_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("ed", PipeStatus.RUNNING, WAIT);
            assertEquals(ControlResult.Outcome.ACCEPTED, f.control.resyncTable("ed", BIG, EngineFixture.TEST).outcome());
            copying(f, "ed");
            assertEquals(ControlResult.Outcome.ACCEPTED, f.control.delete("ed", EngineFixture.TEST).outcome());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (f.control.list().stream().anyMatch(x -> x.name().equals("ed")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(f.control.list().stream().noneMatch(x -> x.name().equals("ed")), "the pipe is deleted");
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()"), "no slot left, temporary or not");
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_publication WHERE pubname = '" + p.publicationName() + "'"));
            assertTrue(tables(file).contains("big"), "the destination tables are kept: " + tables(file));
            System.out.println("EDGE tables after delete: " + tables(file));
        }
    }

    @Test
    void wholeResyncAskedWhileATableResyncIsUnderWay(@TempDir Path dir) throws Exception {
        String file = dir.resolve("whole.duckdb").toString();
        try (EngineFixture f = new EngineFixture("edge_whole")) {
            sourceTables(f);
            f.createPipe("ew", "duckdb:" + file, "public.base,public.big", 5_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("ew", PipeStatus.RUNNING, WAIT);
            assertEquals(ControlResult.Outcome.ACCEPTED, f.control.resyncTable("ew", BIG, EngineFixture.TEST).outcome());
            copying(f, "ew");
            ControlResult refused = f.control.resync("ew", EngineFixture.TEST);
            assertEquals(ControlResult.Outcome.REFUSED, refused.outcome(), refused.message());
            assertTrue(refused.message().contains("pause"), refused.message());
            f.control.pause("ew", EngineFixture.TEST);
            f.waitForStatus("ew", PipeStatus.PAUSED, WAIT);
            ControlResult whole = f.control.resync("ew", EngineFixture.TEST);
            assertEquals(ControlResult.Outcome.ACCEPTED, whole.outcome(), whole.message());
            f.sql("UPDATE big SET v = 'during' WHERE id % 1000 = 0", "INSERT INTO base VALUES (500, 'x')");
            f.waitFor("ew", x -> x.status() == PipeStatus.RUNNING && !f.control.repository().resyncs().pending(x.id()),
                    WAIT, "RUNNING after the whole resync");
            Pipe p = f.pipe("ew");
            assertTrue(f.control.repository().resyncs().pendingTable(p.id()).isEmpty(), "the table resync is superseded");
            long now = f.walPosition();
            f.sql("INSERT INTO base VALUES (501, 'marker')");
            f.waitCaughtUp("ew", now, WAIT);
            assertMatches(f, "ew");
            assertEquals(1, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()"), "only the pipe's slot: "
                    + slots(f) + " (the pipe's: " + f.pipe("ew").slotName() + ")");
            f.control.pause("ew", EngineFixture.TEST);
            f.waitForStatus("ew", PipeStatus.PAUSED, WAIT);
            assertFalse(tables(file).stream().anyMatch(t -> t.endsWith("_resync")), "no shadow left: " + tables(file));
        }
    }

    @Test
    void aWorkerStoppedWhileModifyingHandsTheCopyOver(@TempDir Path dir) throws Exception {
        String file = dir.resolve("restart.duckdb").toString();
        try (EngineFixture f = new EngineFixture("edge_restart")) {
            sourceTables(f);
            f.createPipe("er", "duckdb:" + file, "public.base", 5_000, Duration.ofMillis(200));
            Worker w1 = f.startWorker("w1");
            f.waitForStatus("er", PipeStatus.RUNNING, WAIT);
            f.control.pause("er", EngineFixture.TEST);
            f.waitForStatus("er", PipeStatus.PAUSED, WAIT);
            assertEquals(ControlResult.Outcome.ACCEPTED, f.control.edit("er", new PipeEdit(
                    TableMapping.parseList("public.big"), List.of(), null, null), EngineFixture.TEST).outcome());
            f.control.resume("er", EngineFixture.TEST);
            f.waitFor("er", p -> p.status() == PipeStatus.MODIFYING && p.statusReason() != null
                    && p.statusReason().contains("copying"), WAIT, "MODIFYING, copying");
            w1.close();
            f.sql("UPDATE big SET v = 'while no worker' WHERE id % 500 = 0");
            f.startWorker("w2");
            f.waitFor("er", p -> p.status() == PipeStatus.RUNNING && !f.control.repository().tableCopies().any(p.id()),
                    WAIT, "RUNNING with the added table copied by the next worker");
            long now = f.walPosition();
            f.sql("UPDATE big SET v = 'after' WHERE id % 777 = 0", "INSERT INTO base VALUES (500, 'x')");
            f.waitCaughtUp("er", now, WAIT);
            assertMatches(f, "er");
            assertEquals(1, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()"), "no temporary slot left");
        }
    }

    private static void assertMatches(EngineFixture f, String name) {
        VerifyReport r = new PipeVerifier(new PipeCredentials(f.secrets), Duration.ofMillis(500), 20, 50_000)
                .verify(f.pipe(name), null, PipeVerifier.Progress.NONE);
        for (TableVerdict t : r.tables()) {
            assertTrue(t.matches(), t.text());
        }
    }

    private static String slots(EngineFixture f) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = f.source(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT slot_name, temporary, active, active_pid FROM pg_replication_slots WHERE database = current_database()")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append(" temporary=").append(rs.getBoolean(2)).append(" active=")
                        .append(rs.getBoolean(3)).append(" pid=").append(rs.getString(4)).append("; ");
            }
        }
        return sb.toString();
    }

    private static List<String> tables(String file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables ORDER BY 1")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
