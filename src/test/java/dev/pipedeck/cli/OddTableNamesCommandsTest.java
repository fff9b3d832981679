package dev.pipedeck.cli;

import dev.pipedeck.catalog.Json;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.engine.Connectors;
import dev.pipedeck.engine.DefaultConnectors;
import dev.pipedeck.engine.EngineOptions;
import dev.pipedeck.engine.Worker;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PgSource;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SourceConfig;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables whose schema and name hold dots, quotes, commas, spaces and unicode, through the command line and a real
 * worker (embedded Postgres source, DuckDB file): created with a quoted {@code --tables} list, the initial copy paused
 * in the middle and resumed (the plan must name the same tables when read back), the progress in {@code pipe status},
 * and every row exact at the end ({@code pipe verify}). And {@code pipe edit --add-tables} with a comma in a name.
 */
class OddTableNamesCommandsTest extends CatalogCliTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Dots and quotes in the schema; a quote, a dot, a space and unicode in the table. */
    static final TableRef ODD = new TableRef("we.ird \"Sch\"", "Ta\"b.le ü");
    /** Commas in both. */
    static final TableRef COMMAS = new TableRef("a,b", "x,y");
    private static final int ODD_ROWS = 300_000;
    private static String sourceDb;
    private static String sourceUrl;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        sourceDb = TestPostgres.newDatabase("oddnames_src");
        sourceUrl = TestPostgres.jdbcUrl(sourceDb) + "?user=postgres";
        sql("CREATE SCHEMA " + TableRef.quoteIdent(ODD.schema()),
                "CREATE TABLE " + ODD.quoted() + " (\"k.ey\" bigint PRIMARY KEY, \"Wert, €\" text, n int)",
                "INSERT INTO " + ODD.quoted() + " SELECT g, 'w' || g, g % 97 FROM generate_series(1, " + ODD_ROWS + ") g",
                "CREATE SCHEMA " + TableRef.quoteIdent(COMMAS.schema()),
                "CREATE TABLE " + COMMAS.quoted() + " (id bigint PRIMARY KEY, \"v:w\" text)",
                "INSERT INTO " + COMMAS.quoted() + " SELECT g, 'c' || g FROM generate_series(1, 500) g",
                "CREATE TABLE public.base (id bigint PRIMARY KEY, v text)",
                "INSERT INTO public.base SELECT g, 'b' || g FROM generate_series(1, 50) g",
                "ANALYZE"); // the plan splits a table by its estimated rows
    }

    @Test
    @SuppressWarnings("unchecked")
    void copyPausedMidwayOnOddNamesResumesOnTheSameTablesAndEveryRowIsExact() throws Exception {
        String tables = "\"a,b\".\"x,y\":dest, \"we.ird \"\"Sch\"\"\".\"Ta\"\"b.le ü\"";
        CliRun created = run("pipe", "create", "odd", "--source", sourceUrl, "--destination",
                "duckdb:" + dir.resolve("odd.duckdb"), "--tables", tables, "--batch-size", "5000", "--sync-interval", "200ms",
                "--snapshot-rows-per-partition", "2000", "--snapshot-readers-per-table", "1");
        assertEquals(0, created.code(), created.toString());
        assertTrue(created.out().contains("tables \"a,b\".\"x,y\":dest,\"we.ird \"\"Sch\"\"\".\"Ta\"\"b.le ü\""), created.out());
        Pipe p = db.control().get("odd");
        assertEquals(List.of(new TableMapping(COMMAS, "dest"), new TableMapping(ODD, ODD.name())), p.tables());

        try (Worker w = new Worker(db.catalog(), db.secrets(), "w-odd", splittingEveryTable(),
                new EngineOptions(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(2), 4, Duration.ofSeconds(1)))) {
            w.start();
            // pause once a few of the big table's ranges are copied
            waitFor(() -> catalogLong("SELECT count(*) FROM snapshot_range WHERE pipe_id = ? AND done", p.id()) >= 3,
                    "three ranges copied");
            CliRun paused = run("pipe", "pause", "odd", "--wait=120s");
            assertEquals(0, paused.code(), paused.toString());
            Pipe atPause = db.control().get("odd");
            long done = catalogLong("SELECT count(*) FROM snapshot_range WHERE pipe_id = ? AND done", p.id());
            long left = catalogLong("SELECT count(*) FROM snapshot_range WHERE pipe_id = ? AND NOT done", p.id());
            assertFalse(atPause.snapshotDone(), "the pause came before the copy finished (" + done + " ranges copied)");
            assertTrue(done >= 3 && left > 0, done + " ranges copied, " + left + " left: paused in the middle of the copy");

            // the progress names the tables as people read them, with rows copied of the estimate
            Map<String, Object> status = (Map<String, Object>) Json.parse(run("pipe", "status", "odd", "--json").out());
            Map<String, Object> load = (Map<String, Object>) status.get("initialLoad");
            Map<String, Object> odd = tableLoad(load, ODD.toString());
            assertEquals(false, odd.get("done"), odd.toString());
            long copied = ((Number) odd.get("rowsCopied")).longValue();
            assertTrue(copied > 0 && copied < ODD_ROWS, odd.toString());
            assertTrue(((Number) odd.get("rowsEstimated")).longValue() >= ODD_ROWS * 9L / 10, odd.toString());
            assertEquals(true, tableLoad(load, COMMAS.toString()).get("done"), load.toString());
            CliRun human = run("pipe", "status", "odd");
            assertTrue(human.out().lines().anyMatch(l -> l.contains(ODD.toString()) && l.contains(" of ~")), human.out());

            // changes while paused, on rows copied and on rows not copied yet
            sql("UPDATE " + ODD.quoted() + " SET \"Wert, €\" = 'paused' WHERE \"k.ey\" % 1000 = 1",
                    "DELETE FROM " + ODD.quoted() + " WHERE \"k.ey\" % 5000 = 2",
                    "INSERT INTO " + ODD.quoted() + " VALUES (" + (ODD_ROWS + 1) + ", 'new', 1)",
                    "UPDATE " + COMMAS.quoted() + " SET \"v:w\" = 'paused' WHERE id < 10");
            CliRun resumed = run("pipe", "resume", "odd", "--wait=120s");
            assertEquals(0, resumed.code(), resumed.toString() + "\n" + db.control().get("odd").lastError());
            Pipe running = db.control().get("odd");
            assertTrue(running.snapshotDone(), "the copy finished on resume");
            assertEquals(0, catalogLong("SELECT count(*) FROM snapshot_range WHERE pipe_id = ? AND NOT done", p.id()),
                    "no range left");

            long wal = sourceLong("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn");
            sql("UPDATE " + ODD.quoted() + " SET n = -1 WHERE \"k.ey\" % 777 = 0",
                    "DELETE FROM " + COMMAS.quoted() + " WHERE id = 499",
                    "INSERT INTO public.base VALUES (1000, 'marker')");
            waitFor(() -> {
                Long at = db.control().get("odd").consistentLsn();
                return at != null && Long.compareUnsigned(at, wal) > 0;
            }, "the changes after the resume applied");
            Map<String, Object> after = (Map<String, Object>) Json.parse(run("pipe", "status", "odd", "--json").out());
            Map<String, Object> afterLoad = (Map<String, Object>) after.get("initialLoad");
            assertEquals(true, tableLoad(afterLoad, ODD.toString()).get("done"), afterLoad.toString());
            assertEquals(true, afterLoad.get("done"), afterLoad.toString());
            assertEquals(0, run("pipe", "pause", "odd", "--wait=120s").code());
        }

        CliRun verify = run("pipe", "verify", "odd", "--json");
        assertEquals(0, verify.code(), verify.toString());
        Map<String, Object> report = (Map<String, Object>) Json.parse(verify.out());
        List<Object> verdicts = (List<Object>) report.get("tables");
        assertEquals(2, verdicts.size(), verify.out());
        for (Object o : verdicts) {
            Map<String, Object> t = (Map<String, Object>) o;
            assertEquals(0L, ((Number) t.get("lost")).longValue(), t.toString());
            assertEquals(0L, ((Number) t.get("extra")).longValue(), t.toString());
            assertEquals(0L, ((Number) t.get("differing")).longValue(), t.toString());
        }
        Map<String, Object> oddVerdict = (Map<String, Object>) verdicts.stream()
                .filter(o -> ODD.toString().equals(((Map<String, Object>) o).get("source"))).findFirst().orElseThrow();
        assertEquals(sourceLong("SELECT count(*) FROM " + ODD.quoted()), ((Number) oddVerdict.get("compared")).longValue(),
                "every row of the table compared");
    }

    @Test
    void editAddsATableWithCommasInItsNames() {
        CliRun created = run("pipe", "create", "edit-commas", "--source", sourceUrl, "--destination",
                "duckdb:" + dir.resolve("edit.duckdb"), "--tables", "public.base");
        assertEquals(0, created.code(), created.toString());
        Pipe p = db.control().get("edit-commas");
        db.engineSets(p, PipeStatus.PAUSED); // as a worker would have: claimed and paused
        assertEquals(0, run("pipe", "pause", "edit-commas").code());

        CliRun open = run("pipe", "edit", "edit-commas", "--add-tables", "\"a,b\".\"x,y");
        assertEquals(2, open.code(), open.toString());
        assertTrue(open.err().contains("--add-tables") && open.err().contains("never closed"), open.err());
        assertFalse(open.err().contains("Exception") || open.err().contains("dev.pipedeck"), open.err());

        CliRun edit = run("pipe", "edit", "edit-commas", "--add-tables", "\"a,b\".\"x,y\":\"d,e\"");
        assertEquals(0, edit.code(), edit.toString());
        Pipe after = db.control().get("edit-commas");
        assertEquals(List.of(new TableMapping(new TableRef("public", "base"), "base"), new TableMapping(COMMAS, "d,e")),
                after.tables());
        assertEquals(List.of(new TableMapping(COMMAS, "d,e")), db.control().repository().tableCopies().pending(p.id()));
        CliRun mapped = run("pipe", "edit", "edit-commas", "--remove-tables", "\"a,b\".\"x,y\":\"d,e\"");
        assertEquals(2, mapped.code(), mapped.toString());
        assertTrue(mapped.err().contains("source tables only (got '\"a,b\".\"x,y\":\"d,e\"')"), mapped.err());
        CliRun status = run("pipe", "status", "edit-commas");
        assertTrue(status.out().contains("\"a,b\".\"x,y\" -> d,e"), status.out());
    }

    /** The real connectors, with every table split by its rows per partition however small it is. */
    private static Connectors splittingEveryTable() {
        Connectors real = DefaultConnectors.create();
        return new Connectors() {
            @Override
            public PostgresSource source(SourceConfig config) {
                return new PgSource(config, PgSource.Options.defaults().withMinPagesToSplit(1));
            }

            @Override
            public Destination destination(String url) {
                return real.destination(url);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tableLoad(Map<String, Object> load, String table) {
        return ((List<Object>) load.get("tables")).stream().map(o -> (Map<String, Object>) o)
                .filter(t -> table.equals(t.get("table"))).findFirst()
                .orElseThrow(() -> new AssertionError("no progress line for " + table + " in " + load));
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = TestPostgres.connect(sourceDb); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static long sourceLong(String query) throws SQLException {
        try (Connection c = TestPostgres.connect(sourceDb); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long catalogLong(String query, long pipeId) {
        try (Connection c = db.catalog().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setLong(1, pipeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier ok, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!ok.getAsBoolean()) {
            Pipe p = db.control().get("odd");
            if (System.nanoTime() > deadline || p.status() == PipeStatus.FAILED) {
                throw new AssertionError("not reached: " + what + "; the pipe is " + p.status() + " ("
                        + p.statusReason() + "), last error: " + p.lastError());
            }
            Thread.sleep(50);
        }
    }
}
