package dev.pipedeck.cli;

import dev.pipedeck.testing.ClickHouseTestServer;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pipe create} against a real source and a real ClickHouse that are wrong in the ways an operator meets: each
 * answer is one line on stderr that says what is wrong and what to do, exit 1, nothing stored — and never a Java or
 * C++ class name, a stack trace or a password.
 */
class BadInputCommandTest extends CatalogCliTest {
    /**
     * What must never reach a user: class names (Java's and ClickHouse's C++ ones), stack frames, bare SQLSTATEs. A
     * system property such as -Djavax.net.ssl.trustStore in advice is not a class name.
     */
    static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\bjavax?\\.(?:[a-z]+\\.)*[A-Z]|org\\.postgresql|SQLState|DB::|\\bat [a-z]+\\.[a-z]");
    private static final String CH_WRONG_PW = "WrongChPw-41";
    private static ClickHouseTestServer ch;
    private static String chDb;
    private static String src;
    private static String dst;

    @BeforeAll
    static void servers() throws Exception {
        ch = ClickHouseTestServer.get();
        chDb = ch.createDatabase("create_faults");
        String srcDb = TestPostgres.newDatabase("create_faults");
        try (Connection c = TestPostgres.connect(srcDb); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric)");
            st.execute("CREATE TABLE nokeyfull (id bigint, v text); ALTER TABLE nokeyfull REPLICA IDENTITY FULL");
            st.execute("CREATE TABLE shaped (id bigint PRIMARY KEY, v text)");
        }
        // someone's table of the same name, in another shape: PipeDeck must neither write into it nor drop it
        ch.query("CREATE TABLE " + chDb + ".shaped (x String) ENGINE = MergeTree ORDER BY x");
        src = TestPostgres.jdbcUrl(srcDb) + "?user=postgres&password=postgres";
        dst = ch.urlWithPassword(chDb, ClickHouseTestServer.PASSWORD);
    }

    /** Runs a create expected to be refused and returns its one error line, checked for what must never show. */
    private static String refused(String name, String source, String destination, String tables, String... secrets) {
        CliRun r = run("pipe", "create", name, "--source", source, "--destination", destination, "--tables", tables);
        assertEquals(1, r.code(), r.toString());
        assertEquals("", r.out(), r.toString());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), r.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("pipedeck: the pipe was not created: "), line);
        assertFalse(INTERNALS.matcher(line).find(), "internals in a user's face: " + line);
        for (String s : secrets) {
            assertFalse(line.contains(s), "password shown: " + line);
        }
        assertFalse(run("pipe", "list").out().contains(name), "a refused create stored the pipe " + name);
        return line;
    }

    @Test
    void wrongClickHousePasswordSaysSoWithoutTheServersClassNames() {
        String line = refused("f-chpw", src, ch.urlWithPassword(chDb, CH_WRONG_PW), "public.orders", CH_WRONG_PW);
        assertTrue(line.contains("ClickHouse rejected user " + ClickHouseTestServer.USER + ": wrong password"), line);
        assertTrue(line.contains("Check the destination credentials"), line);
    }

    @Test
    void aClickHouseHostThatDoesNotResolveIsNotCalledConnectionRefused() {
        String line = refused("f-chhost", src, "clickhouse://default:pw4x@no-such-host.invalid:8123/" + chDb, "public.orders", "pw4x");
        assertTrue(line.contains("no-such-host.invalid:8123") && line.contains("does not resolve"), line);
        assertTrue(line.contains("Check the host in the destination URL"), line);
        assertFalse(line.contains("connection refused"), line);
    }

    @Test
    void clickHouseNotListeningSaysWhatToCheck() {
        String line = refused("f-chdown", src, "clickhouse://default:pw3x@127.0.0.1:1/" + chDb, "public.orders", "pw3x");
        assertTrue(line.contains("Cannot reach ClickHouse at 127.0.0.1:1 (connection refused)"), line);
        assertTrue(line.contains("Check that clickhouse-server is running"), line);
    }

    @Test
    void anUntrustedCertificateSaysSoWithoutTheJdksClassNames() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ch.httpsPort() > 0, "openssl not installed: no HTTPS test");
        String https = dst.replace("clickhouse://", "clickhouses://").replace(":" + ch.httpPort() + "/", ":" + ch.httpsPort() + "/");
        String line = refused("f-tls", src, https, "public.orders", ClickHouseTestServer.PASSWORD);
        assertTrue(line.contains("TLS handshake with ClickHouse at 127.0.0.1:" + ch.httpsPort() + " failed"), line);
        assertTrue(line.contains("Check the server certificate is trusted by this JVM"), line);
    }

    @Test
    void anUnknownSourceDatabaseSaysWhatToDo() {
        String line = refused("f-nodb", TestPostgres.jdbcUrl("no_such_source_db") + "?user=postgres&password=pgPw9x", dst,
                "public.orders", "pgPw9x", ClickHouseTestServer.PASSWORD);
        assertTrue(line.contains("The source database does not exist"), line);
        assertTrue(line.contains("Check the database name in the source URL"), line);
    }

    @Test
    void aTableWithoutKeyIsRefusedEvenWithReplicaIdentityFull() {
        String line = refused("f-full", src, dst, "public.nokeyfull", ClickHouseTestServer.PASSWORD);
        assertTrue(line.contains("Table public.nokeyfull has no primary key") && line.contains("REPLICA IDENTITY FULL does not help"), line);
        assertTrue(line.contains("ADD PRIMARY KEY"), line);
    }

    @Test
    void anExistingDestinationTableOfAnotherShapeIsRefusedAtCreateAndLeftAlone() {
        String line = refused("f-shaped", src, dst, "public.shaped", ClickHouseTestServer.PASSWORD);
        assertTrue(line.contains("destination: ClickHouse table " + chDb + ".shaped already exists and is not compatible"), line);
        assertTrue(line.contains("rename or drop it yourself, or choose another destination table"), line);
        assertEquals("x\tString", ch.query("SELECT name, type FROM system.columns WHERE database = '" + chDb
                + "' AND table = 'shaped' FORMAT TabSeparated").strip());
        // mapped to a free name, the same table is accepted
        CliRun ok = run("pipe", "create", "f-shaped-ok", "--source", src, "--destination", dst, "--tables", "public.shaped:shaped_copy");
        assertEquals(0, ok.code(), ok.toString());
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndABugNamesNoClass() {
        record Case(String expected, String... args) {}
        List<Case> cases = List.of(
                new Case("pipedeck: --resume-below must be a positive duration such as 30m (got 0s)", "pipe", "pause", "any", "--resume-below", "0s"),
                new Case("pipedeck: --for must be a positive duration such as 2h (got 0s)", "pipe", "pause", "any", "--for", "0s"),
                new Case("pipedeck: unknown command 'frobnicate': 'pipedeck pipe' takes create, list, status, pause, resume, edit, "
                        + "resync, delete, history, verify, wal-limit", "pipe", "frobnicate", "any"));
        for (Case c : cases) {
            CliRun r = run(c.args());
            assertEquals(2, r.code(), r.toString());
            List<String> lines = r.errorLines();
            assertEquals(1, lines.size(), r.toString());
            assertTrue(lines.get(0).startsWith(c.expected()), r.toString());
        }
        String bug = CliErrors.sentence(new NullPointerException("Cannot invoke \"Pipe.name()\" because \"p\" is null"));
        assertFalse(INTERNALS.matcher(bug).find(), bug);
        assertTrue(bug.startsWith("unexpected error (Cannot invoke") && bug.contains("--verbose"), bug);
    }
}
