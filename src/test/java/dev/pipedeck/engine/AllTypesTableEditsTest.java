package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeEdit;
import dev.pipedeck.engine.verify.PipeVerifier;
import dev.pipedeck.engine.verify.TableVerdict;
import dev.pipedeck.engine.verify.VerifyReport;
import dev.pipedeck.sink.AllTypes;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every column type of {@link AllTypes} in a table added to a paused pipe and then resynced alone, with changes
 * streamed after the copy and during the resync: the destination equals the source row by row (ClickHouse, DuckDB).
 */
class AllTypesTableEditsTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final TableRef TYPED = TableRef.parse("public.typed");

    @Test
    void allTypesAddedAndResyncedOnDuckDb(@TempDir Path dir) throws Exception {
        run("typesduck", "duckdb:" + dir.resolve("types.duckdb"));
    }

    @Test
    void allTypesAddedAndResyncedOnClickHouse() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("types_" + System.nanoTime());
        run("typesch", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD));
    }

    /** The table of {@link AllTypes#schema}, as source DDL. */
    static String ddl() {
        List<String> cols = new ArrayList<>();
        for (ColumnSpec c : AllTypes.schema("typed").columns()) {
            String type = c.name().equals("c_decimal") ? "numeric(38,10)" : c.typeName();
            cols.add(c.name() + " " + type + (c.keyPosition() > 0 ? " PRIMARY KEY" : ""));
        }
        return "CREATE TABLE typed (" + String.join(", ", cols) + ")";
    }

    /** Rows {@code from..to} with a value of every column, some NULL, edge values included. */
    static String fill(int from, int to) {
        return "INSERT INTO typed SELECT g, g % 2 = 0, (g % 32767)::int2, g * 7, g::bigint * 1000003, g / 7.0, "
                + "CASE WHEN g % 11 = 0 THEN 'NaN'::float8 WHEN g % 13 = 0 THEN '-Infinity' ELSE g * 1.000001 END, "
                + "g * 12345.6789, g * 1.0123456789, CASE WHEN g % 5 = 0 THEN NULL ELSE 'text ''quoted'' \\ ü ' || g END, "
                + "decode(lpad(to_hex(g), 8, '0'), 'hex'), md5(g::text)::uuid, date '2000-01-01' + g, "
                + "time '00:00:00.123456' + g * interval '1 second', timetz '12:34:56.5+02', "
                + "timestamp '1999-12-31 23:59:59.999999' + g * interval '1 hour', "
                + "timestamptz '2026-01-02 03:04:05.123456+02' + g * interval '1 minute', g * interval '1 day 2 hours', "
                + "json_build_object('k', g, 's', 'x\"y'), jsonb_build_object('a', g, 'b', ARRAY[1, 2]), "
                + "(ARRAY['sad', 'ok', 'happy'])[g % 3 + 1]::mood, ('10.0.' || (g % 255) || '.1')::inet, point(g, -g), "
                + "ARRAY[g, NULL, -g], ARRAY['a,b', NULL, 'c\"d'], ARRAY[g / 3.0, 'Infinity'], ARRAY[md5(g::text)::uuid], "
                + "ARRAY[timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second'], ARRAY[date '2026-01-01' + g], "
                + "ARRAY[g * 1.5, NULL] FROM generate_series(" + from + ", " + to + ") g";
    }

    private static void run(String name, String destination) throws Exception {
        try (EngineFixture f = new EngineFixture(name)) {
            f.sql("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')", ddl(), fill(1, 5_000),
                    "CREATE TABLE base (id bigint PRIMARY KEY, v text)", "INSERT INTO base VALUES (1, 'one')");
            f.createPipe(name, destination, "public.base", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus(name, PipeStatus.RUNNING, WAIT);
            f.control.pause(name, EngineFixture.TEST);
            f.waitForStatus(name, PipeStatus.PAUSED, WAIT);
            ControlResult edit = f.control.edit(name, new PipeEdit(List.of(new TableMapping(TYPED, "typed_dest")), List.of(),
                    null, null), EngineFixture.TEST);
            assertEquals(ControlResult.Outcome.ACCEPTED, edit.outcome(), edit.message());
            f.control.resume(name, EngineFixture.TEST);
            f.waitFor(name, p -> p.status() == PipeStatus.RUNNING && !f.control.repository().tableCopies().any(p.id()),
                    WAIT, "RUNNING with the added table copied");
            f.sql(fill(5_001, 6_000), "UPDATE typed SET c_text = NULL, c_jsonb = '{\"u\": true}', c_int_arr = '{}' "
                    + "WHERE id % 17 = 0", "DELETE FROM typed WHERE id % 19 = 0");
            catchUp(f, name);
            assertMatches(f, name, "after the add");

            assertEquals(ControlResult.Outcome.ACCEPTED, f.control.resyncTable(name, TYPED, EngineFixture.TEST).outcome());
            f.sql(fill(6_001, 7_000), "UPDATE typed SET c_float8 = 'Infinity', c_bytea = '\\x00ff' WHERE id % 23 = 0");
            f.waitFor(name, p -> f.control.repository().resyncs().pendingTable(p.id()).isEmpty(), WAIT, "the resync done");
            f.sql("UPDATE typed SET c_tstz = NULL WHERE id % 29 = 0");
            catchUp(f, name);
            Pipe p = f.pipe(name);
            assertEquals(PipeStatus.RUNNING, p.status(), p.statusReason() + " / " + p.lastError());
            assertMatches(f, name, "after the resync of the table");
        }
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
        assertEquals(2, r.tables().size(), when);
    }
}
