package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.engine.PipeCredentials;
import dev.pipedeck.engine.verify.PipeVerifier;
import dev.pipedeck.engine.verify.TableVerdict;
import dev.pipedeck.engine.verify.VerifyReport;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pipe verify} against real destinations: it passes on an intact pipe, and finds a row deleted by hand in the
 * destination and a value changed by hand — into DuckDB and into the ClickHouse server process.
 */
class VerifyTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String DDL = "CREATE TABLE items (id bigint PRIMARY KEY, qty int NOT NULL, price numeric(12,2), "
            + "name text, at timestamptz, flag boolean, data bytea, uid uuid, day date, ratio double precision)";
    private static final String FILL = "INSERT INTO items SELECT g, g % 7, g * 1.25, 'item ' || g, "
            + "timestamptz '2026-01-02 03:04:05.123456+02' + g * interval '1 minute', g % 2 = 0, "
            + "decode(lpad(to_hex(g), 8, '0'), 'hex'), md5(g::text)::uuid, date '2026-01-01' + g, g / 3.0 "
            + "FROM generate_series(1, 2500) g";

    @Test
    void duckDbPassesIntactThenFindsADeletedAndAChangedRow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("verify.duckdb");
        check("duckdb:" + file, "vduck", () -> {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
                st.execute("DELETE FROM items WHERE id = 7");
                st.execute("UPDATE items SET name = 'tampered' WHERE id = 1999");
            }
        });
    }

    @Test
    void clickHousePassesIntactThenFindsADeletedAndAChangedRow() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("verify");
        String cols = "id, qty, price, name, at, flag, data, uid, day, ratio";
        check(ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD), "vch", () -> {
            // a newer version of each row: a delete marker for 7, another name for 1999 (what FINAL then shows)
            ch.query("INSERT INTO " + db + ".items (" + cols + ", _peerdb_is_deleted, _peerdb_version) SELECT " + cols
                    + ", 1, _peerdb_version + 1 FROM " + db + ".items FINAL WHERE id = 7");
            ch.query("INSERT INTO " + db + ".items (" + cols + ", _peerdb_is_deleted, _peerdb_version) SELECT "
                    + cols.replace("name", "'tampered'") + ", 0, _peerdb_version + 1 FROM " + db + ".items FINAL WHERE id = 1999");
        });
    }

    interface Tamper {
        void run() throws Exception;
    }

    private static void check(String destination, String name, Tamper tamper) throws Exception {
        try (EngineFixture f = new EngineFixture(name)) {
            f.sql(DDL, FILL);
            f.createPipe(name, destination, "public.items", 1_000, Duration.ofMillis(100));
            f.startWorker("w1");
            f.waitForStatus(name, PipeStatus.RUNNING, WAIT);
            long before = f.walPosition();
            f.sql("UPDATE items SET qty = qty + 100 WHERE id % 10 = 0", "DELETE FROM items WHERE id = 2500",
                    "INSERT INTO items (id, qty, name) VALUES (5000, 1, 'late')");
            f.waitCaughtUp(name, before, WAIT);
            PipeVerifier verifier = new PipeVerifier(new PipeCredentials(f.secrets), Duration.ofMillis(500), 10, 700);

            List<String> progress = new ArrayList<>();
            VerifyReport running = verifier.verify(f.pipe(name), null, progress::add);
            assertTrue(running.matches(), running.tables().get(0).text());
            assertEquals(2500, running.tables().get(0).compared());
            assertTrue(progress.size() >= 4, "progress per key range: " + progress);

            f.control.pause(name, EngineFixture.TEST);
            Pipe paused = f.waitForStatus(name, PipeStatus.PAUSED, WAIT);
            VerifyReport intact = verifier.verify(paused, null, PipeVerifier.Progress.NONE);
            assertTrue(intact.matches(), intact.tables().get(0).text());
            assertTrue(intact.note().contains("the source has not changed since"), intact.note());

            tamper.run();
            VerifyReport broken = verifier.verify(f.pipe(name), null, PipeVerifier.Progress.NONE);
            TableVerdict t = broken.tables().get(0);
            assertFalse(broken.matches(), t.text());
            assertEquals(1, t.lost(), t.text());
            assertEquals(List.of("7"), t.lostKeys());
            assertEquals(1, t.differing(), t.text());
            assertEquals(List.of("1999"), t.differingKeys());
            assertEquals(0, t.extra(), t.text());
        }
    }
}
