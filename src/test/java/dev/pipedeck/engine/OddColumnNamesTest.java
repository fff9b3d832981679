package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.ConnectionPipeChecks;
import dev.pipedeck.control.PipeChecksFailedException;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.control.PipeSpec;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Column names a real schema holds — upper case, spaces, quotes, backticks, dots, tabs, backslashes, unicode, reserved
 * words — copied and streamed exactly into both destinations; a column named like one PipeDeck adds is refused with a
 * sentence saying what to do.
 */
class OddColumnNamesTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String DDL = "CREATE TABLE odd (\"Id\" int PRIMARY KEY, \"Upper\" text, \"with space\" int, "
            + "\"quo\"\"te\" text, \"back`tick\" text, \"dot.ted\" numeric(6,2), \"ünï 😀\" text, \"user\" text, \"select\" int, "
            + "\"order\" timestamptz, \"tab\there\" bytea, \"\\back\" text)";

    private static void run(String name, String url) throws Exception {
        try (EngineFixture f = new EngineFixture(name)) {
            f.sql(DDL, "INSERT INTO odd SELECT g, 'U' || g, g, 'q' || g, 'b' || g, g / 3.0, 'ü' || g, 'u' || g, g, "
                    + "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 hour', '\\x00ff', 'bk' FROM generate_series(1, 50) g");
            f.createPipe(name, url, "public.odd", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus(name, PipeStatus.RUNNING, WAIT);
            f.sql("INSERT INTO odd SELECT g, 'U' || g, g, 'q' || g, 'b' || g, g / 3.0, 'ü' || g, 'u' || g, g, "
                    + "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 hour', '\\x00ff', 'bk' FROM generate_series(51, 60) g",
                    "UPDATE odd SET \"Upper\" = 'changed', \"quo\"\"te\" = NULL WHERE \"Id\" % 7 = 0", "DELETE FROM odd WHERE \"Id\" = 3");
            long marker = f.sourceLong("SELECT pg_logical_emit_message(true, 'odd', 'sync') - '0/0'::pg_lsn");
            f.waitCaughtUp(name, marker, WAIT);
            VerifyReport r = new PipeVerifier(new PipeCredentials(f.secrets), Duration.ofMillis(200), 3, 5_000)
                    .verify(f.pipe(name), null, PipeVerifier.Progress.NONE);
            for (TableVerdict t : r.tables()) {
                assertTrue(t.matches(), t.text());
                assertEquals(59, t.compared(), t.text());
            }
        }
    }

    @Test
    void oddColumnNamesInClickHouse() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("oddcols_" + System.nanoTime());
        run("oddcols_ch", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD));
    }

    @Test
    void oddColumnNamesInDuckDb(@TempDir Path dir) throws Exception {
        run("oddcols_duck", "duckdb:" + dir.resolve("odd.duckdb"));
    }

    /** A source column named like one PipeDeck adds: refused at create with a sentence, for either destination. */
    @Test
    void aColumnNamedLikeAPeerDbColumnIsRefusedAtCreate(@TempDir Path dir) throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("peercol_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("peercol")) {
            f.sql("CREATE TABLE clash (id int PRIMARY KEY, _peerdb_version bigint, v text)",
                    "CREATE TABLE cased (id int PRIMARY KEY, \"V\" text, v text, \"_PeerDB_Is_Deleted\" int)");
            PipeControl checked = new PipeControl(f.catalog, f.secrets,
                    new ConnectionPipeChecks(new DefaultConnectionChecks()), SourceCleanup.NONE);
            PipeChecksFailedException e = assertThrows(PipeChecksFailedException.class, () -> checked.create(
                    new PipeSpec("peercol", f.sourceUrl(), ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD),
                            TableMapping.parseList("public.clash,public.cased"), 1_000, Duration.ofSeconds(1), 1), EngineFixture.TEST));
            assertEquals(List.of("destination: Column _peerdb_version of public.clash has the name of a column PipeDeck "
                    + "adds to every ClickHouse table (_peerdb_synced_at, _peerdb_is_deleted, _peerdb_version): rename it "
                    + "at the source (ALTER TABLE \"public\".\"clash\" RENAME COLUMN \"_peerdb_version\" TO ...), or leave "
                    + "the table out of the pipe."), e.problems());
            e = assertThrows(PipeChecksFailedException.class, () -> checked.create(
                    new PipeSpec("peercol", f.sourceUrl(), "duckdb:" + dir.resolve("p.duckdb"),
                            TableMapping.parseList("public.cased"), 1_000, Duration.ofSeconds(1), 1), EngineFixture.TEST));
            assertEquals(List.of("destination: Columns V and v of public.cased differ only in case, which DuckDB does not "
                    + "tell apart: rename one of them at the source, or replicate the table to ClickHouse.",
                    "destination: Column _PeerDB_Is_Deleted of public.cased has the name of a column PipeDeck adds to every "
                    + "DuckDB table (_peerdb_synced_at, _peerdb_is_deleted, _peerdb_version): rename it at the source "
                    + "(ALTER TABLE \"public\".\"cased\" RENAME COLUMN \"_PeerDB_Is_Deleted\" TO ...), or leave the "
                    + "table out of the pipe."), e.problems());
        }
    }

    /**
     * Such a column added while the pipe streams fails it at once with the sentence (it was retried as "temporarily
     * unable" for 90 s, ClickHouse's own message in the reason), and no row lands in PipeDeck's column.
     */
    @Test
    void aColumnNamedLikeAPeerDbColumnAddedWhileStreamingFailsThePipe() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("peercol_add_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("peercol_add")) {
            f.sql("CREATE TABLE clash (id int PRIMARY KEY, v text)", "INSERT INTO clash VALUES (1, 'a')");
            f.createPipe("peercoladd", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD), "public.clash", 1_000,
                    Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("peercoladd", PipeStatus.RUNNING, WAIT);
            f.sql("ALTER TABLE clash ADD COLUMN _peerdb_version bigint", "INSERT INTO clash VALUES (2, 'b', 7)");
            Pipe p = f.waitForStatus("peercoladd", PipeStatus.FAILED, Duration.ofSeconds(30));
            assertTrue(p.statusReason().contains("Column _peerdb_version of public.clash has the name of a column "
                    + "PipeDeck adds"), p.statusReason());
            assertFalse(p.statusReason().contains("Exception"), p.statusReason());
            assertEquals("1\t0\n", ch.query("SELECT id, _peerdb_version FROM " + db + ".clash FORMAT TabSeparated"));
        }
    }
}
