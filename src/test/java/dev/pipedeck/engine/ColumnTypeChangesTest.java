package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.engine.verify.PipeVerifier;
import dev.pipedeck.engine.verify.TableVerdict;
import dev.pipedeck.engine.verify.VerifyReport;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schema changes while a pipe streams into ClickHouse and while it is paused, each compared with {@code pipe verify}:
 * columns added (with and without defaults) and dropped stay exact; {@code ALTER COLUMN TYPE int -> bigint} widens
 * the destination column (18.16 wrapped 5,000,000,000 around into Int32, silently); a change to a type the column
 * cannot hold fails the pipe with a sentence (it showed a ClassCastException); a rename is said in the status.
 */
class ColumnTypeChangesTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static void caughtUp(EngineFixture f, String name) throws Exception {
        long marker = f.sourceLong("SELECT pg_logical_emit_message(true, 'types', 'sync') - '0/0'::pg_lsn");
        f.waitCaughtUp(name, marker, WAIT);
    }

    private static TableVerdict verify(EngineFixture f, String name) {
        VerifyReport r = new PipeVerifier(new PipeCredentials(f.secrets), Duration.ofMillis(200), 5, 5_000)
                .verify(f.pipe(name), null, PipeVerifier.Progress.NONE);
        return r.tables().get(0);
    }

    private static void assertExact(EngineFixture f, String name, String when) {
        TableVerdict t = verify(f, name);
        assertTrue(t.matches(), when + ": " + t.text());
    }

    @Test
    void columnChangesWhileStreamingAndWhilePaused() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("coltypes_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("coltypes")) {
            f.sql("CREATE TABLE sc (id int PRIMARY KEY, a int, b varchar(10), c int, d text, e smallint)",
                    "INSERT INTO sc SELECT g, g, 'b' || g, g, 'd' || g, g FROM generate_series(1, 20) g");
            f.createPipe("coltypes", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD), "public.sc", 1_000,
                    Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("coltypes", PipeStatus.RUNNING, WAIT);

            f.sql("ALTER TABLE sc ADD COLUMN n1 int, ADD COLUMN n2 text DEFAULT 'x', ADD COLUMN n3 numeric(5,2) DEFAULT 1.5, "
                            + "ADD COLUMN n4 timestamptz, ADD COLUMN n5 bool DEFAULT true",
                    "INSERT INTO sc (id, a) VALUES (100, 1)", "UPDATE sc SET n1 = 5, n4 = '2024-01-01 00:00:00+00' WHERE id = 2");
            // read before the rewrites below: ALTER COLUMN TYPE rewrites the table, and Postgres then forgets the
            // value it gives rows older than n2, n3, n5 (attmissingval) — a stream behind it finds none (docs/source.md)
            caughtUp(f, "coltypes");
            f.sql("ALTER TABLE sc DROP COLUMN d", "UPDATE sc SET a = a + 1 WHERE id = 3",
                    "ALTER TABLE sc ALTER COLUMN b TYPE text", "UPDATE sc SET b = repeat('x', 30) WHERE id = 5",
                    "ALTER TABLE sc ALTER COLUMN a TYPE bigint", "UPDATE sc SET a = 5000000000 WHERE id = 6");
            caughtUp(f, "coltypes");
            assertExact(f, "coltypes", "after ADD, DROP, varchar -> text and int -> bigint while streaming");
            assertEquals("5000000000\n", ch.query("SELECT a FROM " + db + ".sc FINAL WHERE id = 6 FORMAT TabSeparated"));

            // while paused: the resume prepares the table from the new schema
            f.control.pause("coltypes", EngineFixture.TEST);
            f.waitForStatus("coltypes", PipeStatus.PAUSED, WAIT);
            f.sql("UPDATE sc SET e = 7 WHERE id = 8", "ALTER TABLE sc ALTER COLUMN e TYPE bigint",
                    "UPDATE sc SET e = -9000000000 WHERE id = 9", "ALTER TABLE sc ADD COLUMN p1 int DEFAULT 3");
            f.control.resume("coltypes", EngineFixture.TEST);
            f.waitForStatus("coltypes", PipeStatus.RUNNING, WAIT);
            caughtUp(f, "coltypes");
            assertExact(f, "coltypes", "after int2 -> bigint while paused");

            // a rename: the status says what it means for the destination and how to make it match
            f.sql("ALTER TABLE sc RENAME COLUMN n2 TO n2r", "UPDATE sc SET a = 1 WHERE id = 10");
            Pipe p = f.waitFor("coltypes", q -> q.statusReason() != null && q.statusReason().contains("RENAME"), WAIT,
                    "a status reason about the rename");
            // p1 too: added while paused after the last change the stream read, this is its first row with p1
            assertEquals("Column n2 of public.sc left the source table and n2r, p1 are new: if one was renamed (RENAME COLUMN), "
                    + "rows not changed since show NULL under the new name in the destination and keep their value under "
                    + "the old one. Resync the table if they must match: `pipedeck pipe resync coltypes --table public.sc`.",
                    p.statusReason());
            assertEquals(PipeStatus.RUNNING, p.status());

            // int -> text: an Int32 column cannot hold 'abc'
            f.sql("ALTER TABLE sc ALTER COLUMN c TYPE text", "UPDATE sc SET c = 'abc' WHERE id = 7");
            p = f.waitForStatus("coltypes", PipeStatus.FAILED, WAIT);
            assertEquals("Column c of public.sc changed its type at the source to text, which column c of ClickHouse "
                    + "table sc (Nullable(Int32)) cannot hold. To have it created with the new type, resync the table: "
                    + "`pipedeck pipe resync coltypes --table public.sc`, or Resync… → One table on the pipe's Settings tab.",
                    p.statusReason());
            assertFalse(p.lastError().contains("java."), p.lastError());
        }
    }

    /** DuckDB: a column whose type changed fails the pipe with the way out (it named the mismatch only). */
    @Test
    void aChangedColumnTypeInDuckDbSaysToResync(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("coltypes_duck")) {
            f.sql("CREATE TABLE sc (id int PRIMARY KEY, a int)", "INSERT INTO sc VALUES (1, 1)");
            f.createPipe("coltypesduck", "duckdb:" + dir.resolve("t.duckdb"), "public.sc", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("coltypesduck", PipeStatus.RUNNING, WAIT);
            f.sql("ALTER TABLE sc ALTER COLUMN a TYPE bigint", "UPDATE sc SET a = 5000000000 WHERE id = 1");
            Pipe p = f.waitForStatus("coltypesduck", PipeStatus.FAILED, WAIT);
            assertEquals("DuckDB table sc cannot take a value of column a of public.sc: its type does not match the "
                    + "column's (INTEGER). If the column's type changed at the source, resync the table: "
                    + "`pipedeck pipe resync coltypesduck --table public.sc`, or Resync… → One table on the pipe's Settings "
                    + "tab.", p.statusReason());
        }
    }
}
