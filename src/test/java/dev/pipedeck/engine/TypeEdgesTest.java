package dev.pipedeck.engine;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.engine.verify.PipeVerifier;
import dev.pipedeck.engine.verify.TableVerdict;
import dev.pipedeck.engine.verify.VerifyReport;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edge values of every type a source is likely to hold, copied by the initial copy (ClickHouse: the COPY-text path for
 * the table without floats, RowBinary for the one with floats) and then the same values streamed (inserted under
 * other keys, and snapshot rows updated to themselves): the destination equals the source by {@code pipe verify}, and
 * a value looks the same in the destination whether it arrived by the copy or by the stream.
 */
class TypeEdgesTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Streamed copies of the snapshot rows get their id plus this. */
    private static final int STREAMED = 1000;

    private static final String[] DDL = {
            "CREATE TYPE odd_label AS ENUM ('a b', 'it''s', 'x\"y', 'tab\there', 'ü')",
            "CREATE DOMAIN posint AS int CHECK (VALUE > 0)",
            "CREATE DOMAIN shorttext AS text",
            "CREATE TYPE pair AS (a int, b text)",
            """
            CREATE TABLE edges (
              id int PRIMARY KEY,
              t text, vc varchar(10), ch char(5), b bytea, n numeric, d numeric(10,3), i2 smallint, i4 int, i8 bigint,
              bo boolean, dt date, ts timestamp, tstz timestamptz, tm time, tmtz timetz, iv interval, u uuid,
              js json, jb jsonb, ia int[], ta text[], ea odd_label[], en odd_label, dom posint, domt shorttext,
              mo money, ine inet, ci cidr, mac macaddr, bi bit(4), vb varbit, x xml, tv tsvector, pt point, comp pair,
              r4 int4range, rtz tstzrange)""",
            """
            CREATE TABLE floats (id int PRIMARY KEY, f4 real, f8 double precision, fa float8[], t text)"""};

    private static final String[] ROWS = {
            // text: every control character but NUL, tab/newline/CR/backslash, \N literally, 4-byte UTF-8
            "INSERT INTO edges (id, t, vc, ch, b, ta) VALUES (1, (SELECT string_agg(chr(i), '') FROM generate_series(1, 127) i),"
                    + " E'a\\tb\\nc', 'ab', (SELECT decode(string_agg(lpad(to_hex(i), 2, '0'), ''), 'hex') FROM generate_series(0, 255) i),"
                    + " ARRAY['a,b', 'c\"d', '{e}', 'f\\g', '', NULL, 'NULL', ' sp '])",
            "INSERT INTO edges (id, t, vc, ch, b, ta, ia) VALUES (2, E'\\\\N', E'\\\\N', 'x', '\\x', '{}', '{}')",
            "INSERT INTO edges (id, t, b, ia) VALUES (3, E'emoji 😀 𝄞 ünï \\r\\n end\\\\', '\\x5c4e', ARRAY[NULL, 1, -2147483648]::int[])",
            "INSERT INTO edges (id, n, d, i2, i4, i8, bo) VALUES (4, 'NaN', 'NaN', -32768, -2147483648, -9223372036854775808, false)",
            "INSERT INTO edges (id, n, d, i2, i4, i8, bo) VALUES (5, 123456789012345678901234567890.123456789012345678901234567890, "
                    + "-9999999.999, 32767, 2147483647, 9223372036854775807, true)",
            "INSERT INTO edges (id, n, d) VALUES (6, 0.000000000000000000000000000001, -0.000)",
            "INSERT INTO edges (id, n, d) VALUES (7, '-0', 0.5)",
            "INSERT INTO edges (id, n) VALUES (8, 'Infinity')",
            "INSERT INTO edges (id, n) VALUES (9, '-Infinity')",
            "INSERT INTO edges (id, n) VALUES (10, 1.10)",
            // dates and times
            "INSERT INTO edges (id, dt, ts, tstz, tm, tmtz) VALUES (11, '0001-01-01', '0001-01-01 00:00:00', "
                    + "'0001-01-01 00:00:00+00', '24:00:00', '00:00:00+05:30:15')",
            "INSERT INTO edges (id, dt, ts, tstz, tm, tmtz) VALUES (12, '0044-03-15 BC', '0044-03-15 12:00:00.5 BC', "
                    + "'0044-03-15 12:00:00.25+00 BC', '23:59:59.999999', '23:59:59.999999-09:30')",
            "INSERT INTO edges (id, dt, ts, tstz, tm, tmtz) VALUES (13, '9999-12-31', '9999-12-31 23:59:59.999999', "
                    + "'9999-12-31 23:59:59.999999+00', '00:00:00', '12:00:00+14')",
            "INSERT INTO edges (id, dt, ts, tstz, tmtz) VALUES (14, 'infinity', 'infinity', 'infinity', '12:00:00-12')",
            "INSERT INTO edges (id, dt, ts, tstz) VALUES (15, '-infinity', '-infinity', '-infinity')",
            "INSERT INTO edges (id, ts, tstz, tm) VALUES (16, '2024-02-29 01:02:03.000001', '2024-02-29 01:02:03.1+05:45', '01:02:03.1')",
            "INSERT INTO edges (id, dt, ts, tstz) VALUES (17, '10000-01-01', '12345-06-07 08:09:10', '12345-06-07 08:09:10+00')",
            // interval, uuid, json
            "INSERT INTO edges (id, iv, u, js, jb) VALUES (18, '-1 years -2 mons +3 days -04:05:06.789', "
                    + "'ffffffff-ffff-ffff-ffff-ffffffffffff', E'{\"a\": \"\\\\u00e9\\\\n\\\\\"x\\\\\\\\y\", \"e\": \"😀\"}', "
                    + "E'{\"a\": \"\\\\u00e9\\\\n\\\\\"x\\\\\\\\y\", \"e\": \"😀\", \"t\": \"\\\\t\"}')",
            "INSERT INTO edges (id, iv, u, js, jb) VALUES (19, '178000000 years', '00000000-0000-0000-0000-000000000000', 'null', '[]')",
            // enums, domains, money, network, bits, xml, tsvector, geometry, composite, ranges
            "INSERT INTO edges (id, en, ea, dom, domt, mo, ine, ci, mac, bi, vb, x, tv, pt, comp, r4, rtz) VALUES (20, 'a b', "
                    + "ARRAY['it''s', 'x\"y', 'tab\there', NULL]::odd_label[], 1, E'dom\\ttext', -92233720368547758.08, "
                    + "'10.0.1.1', '10.0.0.0/8', '08:00:2b:01:02:03', B'1010', B'', '<a x=\"1\">&amp;ü</a>', "
                    + "to_tsvector('simple', 'the quick brown fox''s'), point(1.5, -2), ROW(1, 'a,\"b)')::pair, "
                    + "'[1,10)', '[2024-01-01 00:00:00+00,infinity)')",
            "INSERT INTO edges (id, en, dom, mo, ine, ci, mac, bi, vb, x, tv, pt, comp, r4, rtz) VALUES (21, 'it''s', 2147483647, "
                    + "92233720368547758.07, '2001:db8::1/64', '2001:db8::/32', 'ff:ff:ff:ff:ff:ff', B'0000', B'1', "
                    + "'plain text', '', point('NaN', 'Infinity'), ROW(NULL, NULL)::pair, 'empty', '(,)')",
            "INSERT INTO edges (id, en, ch, vc) VALUES (22, 'ü', 'abcde', '0123456789')",
            "INSERT INTO edges (id) VALUES (23)",
            // floats: every special value
            "INSERT INTO floats VALUES (1, 'NaN', 'NaN', ARRAY['NaN', 'Infinity', '-Infinity', NULL]::float8[], 'a'), "
                    + "(2, 'Infinity', '-Infinity', '{}', NULL), (3, '-0', '-0', ARRAY['-0']::float8[], ''), "
                    + "(4, 1.4e-45, 4.9e-324, ARRAY[4.9e-324, 2.2250738585072014e-308]::float8[], E'\\t'), "
                    + "(5, 3.4028235e38, 1.7976931348623157e308, ARRAY[1.7976931348623157e308]::float8[], 'x'), "
                    + "(6, -3.4028235e38, -1.7976931348623157e308, NULL, 'y'), (7, 1.17549435e-38, 2.2250738585072014e-308, NULL, NULL), "
                    + "(8, 0.1, 0.1, ARRAY[0.1]::float8[], NULL), (9, NULL, NULL, NULL, NULL)"};

    private static final String EDGE_COLS = "t, vc, ch, b, n, d, i2, i4, i8, bo, dt, ts, tstz, tm, tmtz, iv, u, js, jb, ia, ta, "
            + "ea, en, dom, domt, mo, ine, ci, mac, bi, vb, x, tv, pt, comp, r4, rtz";

    private interface Rows {
        /** id → every non-key column as the destination prints it. */
        Map<Integer, String> read(String table, String columns) throws Exception;
    }

    @Test
    void edgeValuesCopiedAndStreamedIntoClickHouse() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("type_edges_" + System.nanoTime());
        // documented loss: numeric(p,s) NaN has no Decimal form and lands as NULL
        run("edges_ch", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD), List.of("4", "1004"), (table, columns) -> {
            String body = ch.query("SELECT id, " + columns + " FROM " + db + "." + table
                    + " FINAL WHERE _peerdb_is_deleted = 0 FORMAT TabSeparated");
            Map<Integer, String> out = new TreeMap<>();
            for (String line : body.split("\n")) {
                if (!line.isEmpty()) {
                    int tab = line.indexOf('\t');
                    out.put(Integer.parseInt(line.substring(0, tab)), line.substring(tab + 1));
                }
            }
            return out;
        });
        // arrays, which pipe verify leaves out: quotes, commas, braces, backslash, NULL and the string 'NULL', spaces
        assertEquals("1\t8\ta,b\tc\"d\t{e}\tf\\\\g\t\t1\tNULL\t sp \n1001\t8\ta,b\tc\"d\t{e}\tf\\\\g\t\t1\tNULL\t sp \n",
                ch.query("SELECT id, length(ta), ta[1], ta[2], ta[3], ta[4], ta[5], isNull(ta[6]), ta[7], ta[8] FROM " + db
                        + ".edges FINAL WHERE id IN (1, 1001) ORDER BY id FORMAT TabSeparated"));
    }

    @Test
    void edgeValuesCopiedAndStreamedIntoDuckDb(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edges.duckdb");
        // documented losses: numeric(p,s) NaN lands as NULL; 24:00:00 as 23:59:59.999999 (the Appender cannot write it)
        run("edges_duck", "duckdb:" + file, List.of("4", "11", "1004", "1011"), (table, columns) -> {
            List<String> cast = new ArrayList<>();
            for (String c : columns.split(", ")) {
                cast.add("CAST(" + c + " AS VARCHAR)");
            }
            Map<Integer, String> out = new TreeMap<>();
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, " + String.join(", ", cast) + " FROM " + table)) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 2; i <= cast.size() + 1; i++) {
                        values.add(String.valueOf(rs.getString(i)));
                    }
                    out.put(rs.getInt(1), String.join("|", values));
                }
            }
            return out;
        });
    }

    private static void run(String name, String destination, List<String> lossy, Rows rows) throws Exception {
        try (EngineFixture f = new EngineFixture(name)) {
            f.sql(DDL);
            f.sql(ROWS);
            f.createPipe(name, destination, "public.edges,public.floats", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            f.waitForStatus(name, PipeStatus.RUNNING, WAIT);
            // the same values streamed: inserted under other keys, and the copied rows updated to themselves
            f.sql("INSERT INTO edges SELECT id + " + STREAMED + ", " + EDGE_COLS + " FROM edges",
                    "INSERT INTO floats SELECT id + " + STREAMED + ", f4, f8, fa, t FROM floats",
                    "UPDATE edges SET t = t WHERE id < " + STREAMED, "UPDATE floats SET t = t WHERE id < " + STREAMED);
            catchUp(f, name);
            assertEquals(PipeStatus.RUNNING, f.pipe(name).status(), f.pipe(name).statusReason());
            assertSameCopiedAndStreamed(rows.read("edges", EDGE_COLS), 23, "edges");
            assertSameCopiedAndStreamed(rows.read("floats", "f4, f8, fa, t"), 9, "floats");
            assertVerified(f, name, lossy);
        }
    }

    /** Row {@code id} (copied, then updated to itself) and row {@code id + STREAMED} (streamed) hold the same values. */
    private static void assertSameCopiedAndStreamed(Map<Integer, String> byId, int rows, String table) {
        assertEquals(2 * rows, byId.size(), table + ": " + byId.keySet());
        List<String> differ = new ArrayList<>();
        for (int id = 1; id <= rows; id++) {
            if (!byId.get(id).equals(byId.get(id + STREAMED))) {
                differ.add(id + ":\n  copied   " + byId.get(id) + "\n  streamed " + byId.get(id + STREAMED));
            }
        }
        assertTrue(differ.isEmpty(), table + ": copied and streamed rows differ:\n" + String.join("\n", differ));
    }

    private static void catchUp(EngineFixture f, String name) throws Exception {
        long marker = f.sourceLong("SELECT pg_logical_emit_message(true, 'type_edges', 'sync') - '0/0'::pg_lsn");
        f.waitCaughtUp(name, marker, WAIT);
    }

    /** pipe verify finds every row, and differing values only in the rows {@code lossy} of table edges. */
    private static void assertVerified(EngineFixture f, String name, List<String> lossy) {
        VerifyReport r = new PipeVerifier(new PipeCredentials(f.secrets), Duration.ofMillis(200), 3, 5_000)
                .verify(f.pipe(name), null, PipeVerifier.Progress.NONE);
        assertEquals(2, r.tables().size());
        for (TableVerdict t : r.tables()) {
            List<String> expected = t.sourceTable().equals("public.edges") ? lossy : List.of();
            assertEquals(List.of(0L, 0L, (long) expected.size()), List.of(t.lost(), t.extra(), t.differing()), t.text());
            assertEquals(expected, t.differingKeys().stream().sorted(Comparator.comparing(Integer::valueOf)).toList(), t.text());
        }
    }
}
