package dev.pipedeck.cli;

import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input for {@code pipe edit --add-tables/--remove-tables} and {@code pipe resync --table}, as a user types it,
 * against a real catalog and a real source: each gets a sentence that says what is wrong and what to do, never a Java
 * class name, and nothing changes in the catalog.
 */
class TableEditsBadInputTest extends CatalogCliTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static String source;
    private static String sourceUrl;
    private static String limitedUrl;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        source = TestPostgres.newDatabase("badedit_src");
        sourceUrl = TestPostgres.jdbcUrl(source) + "?user=postgres";
        String role = "limited_" + System.nanoTime();
        limitedUrl = TestPostgres.jdbcUrl(source) + "?user=" + role + "&password=secret-pw";
        try (Connection c = TestPostgres.connect(source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY, note text)");
            s.execute("CREATE TABLE public.nothing (id bigint PRIMARY KEY, v text)");
            s.execute("ALTER TABLE public.nothing REPLICA IDENTITY NOTHING");
            s.execute("CREATE TABLE public.hidden (id bigint PRIMARY KEY, v text)");
            s.execute("CREATE ROLE " + role + " REPLICATION LOGIN PASSWORD 'secret-pw'");
            s.execute("GRANT CREATE ON DATABASE " + source + " TO " + role);
            s.execute("CREATE TABLE public.mine (id bigint PRIMARY KEY, v text)");
            s.execute("ALTER TABLE public.mine OWNER TO " + role);
        }
    }

    /** A pipe capturing public.orders (or public.mine as the limited user), claimed by a (pretend) worker, paused. */
    private static Pipe pausedPipe(String url, String table) {
        String name = "bad-" + SEQ.incrementAndGet();
        CliRun created = run("pipe", "create", name, "--source", url, "--destination",
                "duckdb:" + dir.resolve(name + ".duckdb"), "--tables", table);
        assertEquals(0, created.code(), created.toString());
        Pipe p = db.control().get(name);
        db.engineSets(p, PipeStatus.PAUSED);
        run("pipe", "pause", name);
        return db.control().get(name);
    }

    private static void assertSentence(CliRun r, int code, String... contains) {
        assertEquals(code, r.code(), r.toString());
        for (String c : contains) {
            assertTrue(r.err().contains(c), "'" + c + "' in: " + r.err());
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("dev.pipedeck"), r.err());
        assertFalse(r.err().contains("secret-pw"), r.err());
    }

    private static void assertUnchanged(Pipe before) {
        Pipe now = db.control().get(before.name());
        assertEquals(before.tables(), now.tables(), "the tables stay");
        assertEquals(before.status(), now.status());
        assertFalse(db.control().repository().tableCopies().any(now.id()), "nothing to copy");
        assertTrue(db.control().repository().resyncs().pendingTable(now.id()).isEmpty(), "no table resync pending");
        List<AuditEvent> trail = db.control().repository().audit(now.name(), 50);
        assertTrue(trail.stream().noneMatch(e -> e.action().equals("edit") || e.action().equals("resync")), trail.toString());
    }

    @Test
    void unknownPipe() {
        assertSentence(run("pipe", "edit", "no-such-pipe", "--add-tables", "public.orders"), 1, "no-such-pipe");
        assertSentence(run("pipe", "resync", "no-such-pipe", "--table", "public.orders"), 1, "no-such-pipe");
    }

    @Test
    void malformedTables() {
        Pipe p = pausedPipe(sourceUrl, "public.orders");
        for (String bad : List.of("a.b.c", "\"unterminated", ",", "public.", ".orders", "public.orders:", "\"\".x")) {
            CliRun r = run("pipe", "edit", p.name(), "--add-tables", bad);
            assertSentence(r, 2, "--add-tables", "schema.table");
            CliRun rm = run("pipe", "edit", p.name(), "--remove-tables", bad);
            assertSentence(rm, 2, "--remove-tables");
            assertFalse(rm.err().contains("--add-tables"), rm.err());
        }
        for (String bad : List.of("a.b.c", "\"unterminated", "", " ", "public.")) {
            CliRun r = run("pipe", "resync", p.name(), "--table", bad);
            assertSentence(r, 2, "--table");
        }
        assertUnchanged(p);
    }

    @Test
    void missingTableInAnotherSchema() {
        Pipe p = pausedPipe(sourceUrl, "public.orders");
        assertSentence(run("pipe", "edit", p.name(), "--add-tables", "nosuch.other"), 1, "nosuch.other", "does not exist");
        assertSentence(run("pipe", "edit", p.name(), "--add-tables", "ORDERS"), 1, "public.ORDERS", "does not exist");
        assertSentence(run("pipe", "resync", p.name(), "--table", "nosuch.orders"), 1, "does not capture table nosuch.orders");
        assertUnchanged(p);
    }

    /** A resync of table x drops x_resync as its leftover shadow: no table of the pipe may land there. */
    @Test
    void aDestinationNameOfAResyncShadowIsRefused() {
        Pipe p = pausedPipe(sourceUrl, "public.orders");
        assertSentence(run("pipe", "edit", p.name(), "--add-tables", "public.hidden:orders_resync"), 1,
                "'orders_resync'", "a resync of table 'orders' would drop it", "public.hidden:other_name");
        assertSentence(run("pipe", "edit", p.name(), "--add-tables", "public.hidden:x_resync_old"), 1, "x_resync_old");
        assertUnchanged(p);
        CliRun create = run("pipe", "create", "bad-shadow", "--source", sourceUrl, "--destination",
                "duckdb:" + dir.resolve("shadow.duckdb"), "--tables", "public.orders,public.hidden:orders_resync");
        assertSentence(create, 2, "orders_resync");
        assertTrue(db.control().list().stream().noneMatch(x -> x.name().equals("bad-shadow")), "nothing stored");
    }

    @Test
    void tableTheSourceUserCannotRead() {
        Pipe p = pausedPipe(limitedUrl, "public.mine");
        CliRun r = run("pipe", "edit", p.name(), "--add-tables", "public.hidden");
        assertSentence(r, 1, "cannot read table public.hidden", "GRANT SELECT ON");
        assertUnchanged(p);
    }

    @Test
    void replicaIdentityNothingIsRefusedBeforeItBreaksTheSourcesUpdates() {
        Pipe p = pausedPipe(sourceUrl, "public.orders");
        CliRun r = run("pipe", "edit", p.name(), "--add-tables", "public.nothing");
        assertSentence(r, 1, "public.nothing", "REPLICA IDENTITY");
        assertUnchanged(p);
    }

    @Test
    void editAndTableResyncInEachWrongStatus() {
        for (PipeStatus s : List.of(PipeStatus.RUNNING, PipeStatus.SETUP, PipeStatus.SNAPSHOT, PipeStatus.MODIFYING,
                PipeStatus.RESYNCING, PipeStatus.FAILED, PipeStatus.DELETING)) {
            Pipe p = pausedPipe(sourceUrl, "public.orders");
            run("pipe", "resume", p.name());
            db.engineSets(p, s);
            Pipe before = db.control().get(p.name());
            CliRun edit = run("pipe", "edit", p.name(), "--add-tables", "public.hidden");
            assertSentence(edit, 1, "pipe '" + p.name() + "' is " + s + ": ");
            assertUnchanged(before);
            assertSentence(run("pipe", "edit", p.name(), "--remove-tables", "public.orders"), 1, "is " + s + ": ");
            if (s != PipeStatus.RUNNING) {
                CliRun resync = run("pipe", "resync", p.name(), "--table", "public.orders");
                if (s == PipeStatus.RESYNCING) {
                    assertEquals(0, resync.code(), resync.toString());
                    assertTrue(resync.out().contains("already being resynced"), resync.out());
                } else {
                    assertSentence(resync, 1, "is " + s + ": ");
                }
                assertUnchanged(before);
            }
        }
    }

    /** A request is judged on the status as shown, and the refusal names that status, not the engine's last word. */
    @Test
    void aRefusalNamesTheStatusAsShown() {
        Pipe p = pausedPipe(sourceUrl, "public.orders");
        db.engineSets(p, PipeStatus.RUNNING); // the pause is asked, the engine has not stopped yet: shown PAUSING
        CliRun edit = run("pipe", "edit", p.name(), "--remove-tables", "public.orders");
        assertSentence(edit, 1, "pipe '" + p.name() + "' is PAUSING: the pipe is still pausing");
        assertFalse(edit.err().contains("RUNNING"), edit.err());
        assertUnchanged(db.control().get(p.name()));
    }
}
