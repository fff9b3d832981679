package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.ConnectionPipeChecks;
import dev.pipedeck.control.PipeChecksFailedException;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.sink.clickhouse.TsvText;
import dev.pipedeck.testing.ClickHouseTestServer;
import dev.pipedeck.testing.RowVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10: rows stay exact through key changes, generated columns, columns added with defaults, nested arrays and
 * key-less tables — source, worker, ClickHouse server and DuckDB file all real. Each table is compared column by
 * column (generated and defaulted ones included) with {@link RowVerifier}.
 */
class ExactRowsTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** A column to compare: how each side prints it so that equal values print the same. */
    private record Col(String name, char kind) {
        String source() {
            String q = "\"" + name + "\"";
            return kind == 'Z' ? "(extract(epoch FROM " + q + ") * 1000000)::bigint::text" : q + "::text";
        }

        String duck() {
            String q = "\"" + name + "\"";
            return kind == 'Z' ? "CAST(epoch_us(" + q + ") AS VARCHAR)" : "CAST(" + q + " AS VARCHAR)";
        }

        String clickHouse() {
            return "toString(`" + name + "`)";
        }

        String normalize(String v) {
            if (v == null) {
                return "null";
            }
            return switch (kind) {
                case 'N' -> new BigDecimal(v).stripTrailingZeros().toPlainString();
                case 'A' -> v.replace(" ", "").replace('{', '[').replace('}', ']').replace("NULL", "null");
                case 'Z' -> v.matches("-?\\d+") ? v : Long.toString(micros(v));
                default -> v;
            };
        }

        private static long micros(String chText) {
            LocalDateTime t = LocalDateTime.parse(chText, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]"));
            return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + t.getNano() / 1000;
        }
    }

    private static List<Col> cols(String spec) {
        List<Col> out = new ArrayList<>();
        for (String c : spec.split(",")) {
            String[] p = c.strip().split(":");
            out.add(new Col(p[1], p[0].charAt(0)));
        }
        return out;
    }

    /** key text → all columns, from the source. */
    private static Map<String, String> sourceRows(EngineFixture f, String table, int keys, List<Col> cols) throws SQLException {
        String sql = "SELECT " + String.join(", ", cols.stream().map(Col::source).toList()) + " FROM " + table;
        try (Connection c = f.source(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return collect(rs, keys, cols);
        }
    }

    private static Map<String, String> duckRows(Path file, String table, int keys, List<Col> cols) throws SQLException {
        String sql = "SELECT " + String.join(", ", cols.stream().map(Col::duck).toList()) + " FROM \"" + table + "\"";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return collect(rs, keys, cols);
        }
    }

    private static Map<String, String> chRows(ClickHouseTestServer ch, String db, String table, int keys, List<Col> cols) {
        String tsv = ch.query("SELECT " + String.join(", ", cols.stream().map(Col::clickHouse).toList()) + " FROM "
                + db + ".`" + table + "` FINAL WHERE _peerdb_is_deleted = 0 FORMAT TabSeparated");
        Map<String, String> out = new TreeMap<>();
        for (String line : tsv.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                values.add(cols.get(i).normalize(f[i].equals("\\N") ? null : TsvText.unescape(f[i])));
            }
            put(out, keys, values);
        }
        return out;
    }

    private static Map<String, String> collect(ResultSet rs, int keys, List<Col> cols) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        while (rs.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                values.add(cols.get(i).normalize(rs.getString(i + 1)));
            }
            put(out, keys, values);
        }
        return out;
    }

    private static void put(Map<String, String> out, int keys, List<String> values) {
        String key = String.join("|", values.subList(0, keys));
        if (out.put(key, String.join("|", values)) != null) {
            throw new AssertionError("two current rows for key " + key);
        }
    }

    private interface Destination {
        Map<String, String> rows(String table, int keys, List<Col> cols) throws SQLException;
    }

    private record Target(String url, Destination rows) {}

    private static Target duck(Path dir, String name) {
        Path file = dir.resolve(name + ".duckdb");
        return new Target("duckdb:" + file, (t, k, c) -> duckRows(file, t, k, c));
    }

    private static Target clickHouse(String name) {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase(name + "_" + System.nanoTime());
        return new Target(ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD), (t, k, c) -> chRows(ch, db, t, k, c));
    }

    private static void assertSame(EngineFixture f, Target target, String table, int keys, String colSpec, String when)
            throws SQLException {
        List<Col> cols = cols(colSpec);
        Map<String, String> expected = sourceRows(f, "public." + table, keys, cols);
        Map<String, String> actual = target.rows().rows(table, keys, cols);
        RowVerifier.compare(expected, actual).assertClean(table + " " + when + " (" + target.url().split(":")[0] + ")");
    }

    private static void caughtUp(EngineFixture f, String pipe) throws Exception {
        // a transaction of its own after everything the test wrote: its commit ends after the message's position
        long marker = f.sourceLong("SELECT pg_logical_emit_message(true, 'exact_test', 'sync') - '0/0'::pg_lsn");
        f.waitCaughtUp(pipe, marker, WAIT);
    }

    // ---- 1. primary-key changes ----

    private static final String[] KEY_TABLES = {
            "CREATE TABLE single (id int PRIMARY KEY, v text)",
            "CREATE TABLE composite (a int, b text, v text, PRIMARY KEY (a, b))",
            "CREATE TABLE single_full (id int PRIMARY KEY, v text)",
            "ALTER TABLE single_full REPLICA IDENTITY FULL",
            "CREATE TABLE composite_full (a int, b text, v text, PRIMARY KEY (a, b))",
            "ALTER TABLE composite_full REPLICA IDENTITY FULL",
            "CREATE TABLE by_index (code text NOT NULL, v text)",
            "CREATE UNIQUE INDEX by_index_code ON by_index (code)",
            "ALTER TABLE by_index REPLICA IDENTITY USING INDEX by_index_code"};

    private void keyChanges(Target target) throws Exception {
        try (EngineFixture f = new EngineFixture("exact_keys")) {
            f.sql(KEY_TABLES);
            for (String t : new String[]{"single", "single_full"}) {
                f.sql("INSERT INTO " + t + " SELECT g, 'snap ' || g FROM generate_series(1, 5) g");
            }
            for (String t : new String[]{"composite", "composite_full"}) {
                f.sql("INSERT INTO " + t + " SELECT g, 'k' || g, 'snap ' || g FROM generate_series(1, 5) g");
            }
            f.sql("INSERT INTO by_index SELECT 'c' || g, 'snap ' || g FROM generate_series(1, 5) g");
            f.createPipe("keys", target.url(), "public.single,public.composite,public.single_full,"
                    + "public.composite_full,public.by_index", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("keys", PipeStatus.RUNNING, WAIT);
            for (String t : new String[]{"single", "single_full"}) {
                f.sql("INSERT INTO " + t + " SELECT g, 'streamed ' || g FROM generate_series(100, 104) g",
                        // a snapshot row and a streamed row move to another key, one in a transaction with more
                        "UPDATE " + t + " SET id = id + 1000000 WHERE id = 1",
                        "BEGIN; UPDATE " + t + " SET id = id + 1000000, v = 'moved' WHERE id = 100; "
                                + "UPDATE " + t + " SET v = 'still here' WHERE id = 2; COMMIT",
                        // moved away and back within one transaction: one current row
                        "BEGIN; UPDATE " + t + " SET id = 50 WHERE id = 3; UPDATE " + t + " SET id = 3 WHERE id = 50; COMMIT",
                        // swapped with a free key and a new row on the old key
                        "BEGIN; UPDATE " + t + " SET id = 60 WHERE id = 4; INSERT INTO " + t + " VALUES (4, 'new 4'); COMMIT");
            }
            for (String t : new String[]{"composite", "composite_full"}) {
                f.sql("INSERT INTO " + t + " SELECT g, 'k' || g, 'streamed ' || g FROM generate_series(100, 104) g",
                        "UPDATE " + t + " SET b = b || 'x' WHERE a = 1",
                        "UPDATE " + t + " SET a = a + 1000 WHERE a = 100",
                        "UPDATE " + t + " SET a = a + 1000, b = 'other' WHERE a = 2");
            }
            f.sql("UPDATE by_index SET code = 'moved' WHERE code = 'c1'", "UPDATE by_index SET v = 'changed' WHERE code = 'c2'");
            caughtUp(f, "keys");
            for (String t : new String[]{"single", "single_full"}) {
                assertSame(f, target, t, 1, "I:id, T:v", "after key changes");
            }
            for (String t : new String[]{"composite", "composite_full"}) {
                assertSame(f, target, t, 2, "I:a, T:b, T:v", "after key changes");
            }
            assertSame(f, target, "by_index", 1, "T:code, T:v", "after key changes");
            assertEquals(11, target.rows().rows("single", 1, cols("I:id, T:v")).size());
        }
    }

    @Test
    void primaryKeyChangesRetractTheOldKeyInDuckDb(@TempDir Path dir) throws Exception {
        keyChanges(duck(dir, "keys"));
    }

    @Test
    void primaryKeyChangesRetractTheOldKeyInClickHouse() throws Exception {
        keyChanges(clickHouse("exact_keys"));
    }

    /** The old key is a deleted row at the change's own version, in ClickHouse's raw rows. */
    @Test
    void oldKeyIsADeletedRowAtTheChangesVersion() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("exact_keyver_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("exact_keyver")) {
            f.sql("CREATE TABLE single (id int PRIMARY KEY, v text)", "INSERT INTO single VALUES (10, 'snap')");
            f.createPipe("keyver", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD), "public.single", 1_000,
                    Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("keyver", PipeStatus.RUNNING, WAIT);
            f.sql("UPDATE single SET id = id + 1000000 WHERE id = 10");
            caughtUp(f, "keyver");
            String rows = ch.query("SELECT id, _peerdb_is_deleted, _peerdb_version FROM " + db
                    + ".single ORDER BY id, _peerdb_version FORMAT TabSeparated");
            String[] lines = rows.strip().split("\n");
            assertEquals(3, lines.length, rows);
            assertTrue(lines[0].startsWith("10\t0\t0"), rows); // the snapshot row
            String[] deleted = lines[1].split("\t");
            String[] moved = lines[2].split("\t");
            assertEquals(List.of("10", "1"), List.of(deleted[0], deleted[1]), rows);
            assertEquals(List.of("1000010", "0"), List.of(moved[0], moved[1]), rows);
            assertEquals(moved[2], deleted[2], "the delete carries the change's version: " + rows);
        }
    }

    // ---- 2. generated columns, 3. added columns with defaults ----

    private static final String GENERATED_DDL = "CREATE TABLE gen (id int PRIMARY KEY, price numeric(10,2), qty int, "
            + "name text, total numeric(12,2) GENERATED ALWAYS AS (price * qty) STORED, "
            + "label text GENERATED ALWAYS AS (upper(name) || '/' || qty) STORED, big text)";
    private static final String GENERATED_COLS = "I:id, N:price, I:qty, T:name, N:total, T:label, T:big";

    private void generatedColumns(Target target) throws Exception {
        try (EngineFixture f = new EngineFixture("exact_gen")) {
            f.sql(GENERATED_DDL, "INSERT INTO gen (id, price, qty, name) SELECT g, g * 1.25, g, 'snap' || g "
                    + "FROM generate_series(1, 20) g");
            f.createPipe("gen", target.url(), "public.gen", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("gen", PipeStatus.RUNNING, WAIT);
            f.sql("INSERT INTO gen (id, price, qty, name) SELECT g, g * 0.5, g % 7, 'row \"' || g || E'\\ttab' "
                            + "FROM generate_series(100, 2600) g",
                    "UPDATE gen SET qty = qty + 1 WHERE id % 3 = 0",
                    "UPDATE gen SET price = NULL WHERE id = 5",
                    "UPDATE gen SET id = id + 10000 WHERE id = 7",
                    // an unchanged TOAST value next to a generated column
                    "UPDATE gen SET big = (SELECT string_agg(md5(g::text), '') FROM generate_series(1, 640) g) WHERE id = 8",
                    "UPDATE gen SET qty = 99 WHERE id = 8",
                    "DELETE FROM gen WHERE id = 9");
            caughtUp(f, "gen");
            assertSame(f, target, "gen", 1, GENERATED_COLS, "after streaming");
        }
    }

    @Test
    void generatedColumnsAreRightInStreamedRowsInDuckDb(@TempDir Path dir) throws Exception {
        generatedColumns(duck(dir, "gen"));
    }

    @Test
    void generatedColumnsAreRightInStreamedRowsInClickHouse() throws Exception {
        generatedColumns(clickHouse("exact_gen"));
    }

    private void addedDefaults(Target target) throws Exception {
        try (EngineFixture f = new EngineFixture("exact_dflt")) {
            f.sql("CREATE TABLE dflt (id int PRIMARY KEY, v text)",
                    "INSERT INTO dflt SELECT g, 'snap ' || g FROM generate_series(1, 5) g");
            f.createPipe("dflt", target.url(), "public.dflt", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("dflt", PipeStatus.RUNNING, WAIT);
            f.sql("INSERT INTO dflt SELECT g, 'streamed ' || g FROM generate_series(100, 104) g");
            caughtUp(f, "dflt");
            f.sql("ALTER TABLE dflt ADD COLUMN c int DEFAULT 7",
                    "ALTER TABLE dflt ADD COLUMN s text DEFAULT E'it''s \\\\ a\\ttab'",
                    "ALTER TABLE dflt ADD COLUMN n numeric(8,3) DEFAULT 2.5",
                    "ALTER TABLE dflt ADD COLUMN z timestamptz DEFAULT '2024-05-06 07:08:09.123456+02'",
                    "ALTER TABLE dflt ADD COLUMN none int",
                    // the next change carries the new Relation
                    "INSERT INTO dflt (id, v, c, s) VALUES (200, 'after', 8, 'own')",
                    "UPDATE dflt SET v = 'touched' WHERE id = 2");
            caughtUp(f, "dflt");
            assertSame(f, target, "dflt", 1, "I:id, T:v, I:c, T:s, N:n, Z:z, I:none", "after ADD COLUMN ... DEFAULT");
            assertEquals("7", f.sourceLong("SELECT c FROM dflt WHERE id = 1") + "", "the source shows the default");

            // rows changed while paused, before an ALTER done while paused: on resume the destination table already
            // has the new column when those changes (without it) arrive; they predate it, so they get its default
            f.control.pause("dflt", EngineFixture.TEST);
            f.waitForStatus("dflt", PipeStatus.PAUSED, WAIT);
            f.sql("UPDATE dflt SET v = 'while paused' WHERE id IN (3, 101)", "INSERT INTO dflt (id, v) VALUES (150, 'paused')",
                    "ALTER TABLE dflt ADD COLUMN p int DEFAULT 9", "UPDATE dflt SET v = 'after alter' WHERE id = 4");
            f.control.resume("dflt", EngineFixture.TEST);
            f.waitForStatus("dflt", PipeStatus.RUNNING, WAIT);
            caughtUp(f, "dflt");
            assertSame(f, target, "dflt", 1, "I:id, T:v, I:c, T:s, N:n, Z:z, I:none, I:p", "after an ALTER while paused");

            // a volatile default: Postgres fills every row itself and sends nothing; the status says so
            f.sql("ALTER TABLE dflt ADD COLUMN r float8 DEFAULT random()", "INSERT INTO dflt (id, v) VALUES (300, 'x')");
            Pipe p = f.waitFor("dflt", q -> q.statusReason() != null && q.statusReason().contains("volatile"), WAIT,
                    "a status reason about the volatile default");
            assertTrue(p.statusReason().startsWith("Column r of public.dflt was added with a volatile default"),
                    p.statusReason());
            assertEquals(PipeStatus.RUNNING, p.status());
        }
    }

    @Test
    void addedColumnDefaultsReachOlderRowsInDuckDb(@TempDir Path dir) throws Exception {
        addedDefaults(duck(dir, "dflt"));
    }

    @Test
    void addedColumnDefaultsReachOlderRowsInClickHouse() throws Exception {
        addedDefaults(clickHouse("exact_dflt"));
    }

    // ---- dropped columns and truncates, as they are ----

    /**
     * A dropped column stays in the destination: older rows keep their values, rows written after the drop have NULL
     * there (ClickHouse: the type's default when the column is not Nullable). A truncate empties the table's current
     * rows and later rows stay.
     */
    private void droppedColumnsAndTruncates(Target target, String goneAfterDrop) throws Exception {
        try (EngineFixture f = new EngineFixture("exact_drop")) {
            f.sql("CREATE TABLE dropt (id int PRIMARY KEY, keep text, gone text NOT NULL DEFAULT 'g', gone_null int)",
                    "INSERT INTO dropt SELECT g, 'snap ' || g, 'old ' || g, g FROM generate_series(1, 5) g");
            f.createPipe("drop", target.url(), "public.dropt", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("drop", PipeStatus.RUNNING, WAIT);
            f.sql("ALTER TABLE dropt DROP COLUMN gone, DROP COLUMN gone_null",
                    "INSERT INTO dropt VALUES (100, 'after drop')", "UPDATE dropt SET keep = 'touched' WHERE id = 2");
            caughtUp(f, "drop");
            assertSame(f, target, "dropt", 1, "I:id, T:keep", "after DROP COLUMN");
            Map<String, String> gone = target.rows().rows("dropt", 1, cols("I:id, T:gone, I:gone_null"));
            assertEquals("1|old 1|1", gone.get("1"), "an untouched older row keeps the dropped columns' values");
            assertEquals("2|" + goneAfterDrop + "|null", gone.get("2"), "a row written after the drop");
            assertEquals("100|" + goneAfterDrop + "|null", gone.get("100"));

            f.sql("TRUNCATE dropt", "INSERT INTO dropt VALUES (7, 'after truncate')");
            caughtUp(f, "drop");
            assertSame(f, target, "dropt", 1, "I:id, T:keep", "after TRUNCATE");
            assertEquals(1, target.rows().rows("dropt", 1, cols("I:id, T:keep")).size());
        }
    }

    @Test
    void droppedColumnsAndTruncatesInDuckDb(@TempDir Path dir) throws Exception {
        droppedColumnsAndTruncates(duck(dir, "drop"), "null");
    }

    @Test
    void droppedColumnsAndTruncatesInClickHouse() throws Exception {
        droppedColumnsAndTruncates(clickHouse("exact_drop"), "");
    }

    // ---- 4. multi-dimensional arrays ----

    @Test
    void multiDimensionalArraysLandAsNestedListsInDuckDb(@TempDir Path dir) throws Exception {
        Target target = duck(dir, "arr");
        try (EngineFixture f = new EngineFixture("exact_arr")) {
            f.sql("CREATE TABLE arr (id int PRIMARY KEY, m int[][], t text[][], flat int[])",
                    "INSERT INTO arr VALUES (1, '{{1,2},{3,NULL}}', '{{a,b},{c,d}}', '{1,2}'), (2, NULL, '{}', '{}')");
            f.createPipe("arr", target.url(), "public.arr", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus("arr", PipeStatus.RUNNING, WAIT);
            f.sql("INSERT INTO arr VALUES (3, '{{5},{6}}', '{{x},{y}}', '{3}')",
                    "UPDATE arr SET m = '{{7,8,9}}' WHERE id = 1");
            caughtUp(f, "arr");
            assertEquals(PipeStatus.RUNNING, f.pipe("arr").status(), f.pipe("arr").statusReason());
            assertSame(f, target, "arr", 1, "I:id, A:m, A:t, A:flat", "after streaming");
        }
    }

    @Test
    void multiDimensionalArraysAreRefusedAtCreateForClickHouse() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("exact_arr_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("exact_arrch")) {
            f.sql("CREATE TABLE arr (id int PRIMARY KEY, m int[][])");
            PipeControl checked = new PipeControl(f.catalog, f.secrets,
                    new ConnectionPipeChecks(new DefaultConnectionChecks()), SourceCleanup.NONE);
            PipeChecksFailedException e = assertThrows(PipeChecksFailedException.class, () -> checked.create(
                    new PipeSpec("arr", f.sourceUrl(), ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD),
                            TableMapping.parseList("public.arr"), 1_000, Duration.ofSeconds(1), 1), EngineFixture.TEST));
            assertEquals(List.of("destination: Column m of public.arr is a 2-dimensional array (integer[]), which "
                    + "PipeDeck cannot write to ClickHouse: leave the table out of the pipe, or replicate it to DuckDB, "
                    + "which takes nested lists."), e.problems());
        }
    }

    // ---- 6. key-less tables ----

    @Test
    void keyLessTablesAreRefusedAtCreateEvenUnderReplicaIdentityFull(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("exact_nokey")) {
            f.sql("CREATE TABLE events (v text, n int)", "ALTER TABLE events REPLICA IDENTITY FULL",
                    "INSERT INTO events VALUES ('same', 1), ('same', 1), (NULL, 2)");
            PipeControl checked = new PipeControl(f.catalog, f.secrets,
                    new ConnectionPipeChecks(new DefaultConnectionChecks()), SourceCleanup.NONE);
            PipeSpec spec = new PipeSpec("nokey", f.sourceUrl(), "duckdb:" + dir.resolve("nokey.duckdb"),
                    TableMapping.parseList("public.events"), 1_000, Duration.ofMillis(200), 1);
            PipeChecksFailedException e = assertThrows(PipeChecksFailedException.class,
                    () -> checked.create(spec, EngineFixture.TEST));
            assertEquals(1, e.problems().size(), e.problems().toString());
            assertTrue(e.problems().get(0).startsWith("source: Table public.events has no primary key, so its rows "
                    + "cannot be told apart in the destination (REPLICA IDENTITY FULL does not help"), e.problems().get(0));
            assertTrue(e.problems().get(0).contains("ALTER TABLE \"public\".\"events\" ADD PRIMARY KEY (...);"));

            // following the advice works, and the duplicate-looking rows stay three rows
            f.sql("ALTER TABLE events ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
            checked.create(spec, EngineFixture.TEST);
            f.startWorker("w1");
            f.waitForStatus("nokey", PipeStatus.RUNNING, WAIT);
            f.sql("UPDATE events SET n = 3 WHERE id = 1", "INSERT INTO events (v, n) VALUES ('same', 1)");
            caughtUp(f, "nokey");
            assertSame(f, duck(dir, "nokey"), "events", 1, "I:id, T:v, I:n", "with a key");
        }
    }

    /** A table that lost its key after the pipe was created fails with the same advice instead of doubling rows. */
    @Test
    void keyLessTableFailsThePipeWithTheSameAdvice(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("exact_lostkey")) {
            f.sql("CREATE TABLE events (v text, n int)", "ALTER TABLE events REPLICA IDENTITY FULL",
                    "INSERT INTO events VALUES ('same', 1)");
            f.createPipe("lostkey", "duckdb:" + dir.resolve("lostkey.duckdb"), "public.events", 1_000,
                    Duration.ofMillis(200));
            f.startWorker("w1");
            Pipe p = f.waitForStatus("lostkey", PipeStatus.FAILED, WAIT);
            assertTrue(p.statusReason().contains("ADD PRIMARY KEY"), p.statusReason());
            assertTrue(!p.statusReason().contains("Exception"), p.statusReason());
        }
    }
}
