package dev.pipedeck.cli;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pipe edit --add-tables/--remove-tables} and {@code pipe resync --table}: the request side, against a real
 * catalog and a real source database (added tables are checked like {@code create}).
 */
class PipeEditTablesCommandTest extends CatalogCliTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static String sourceUrl;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        String source = TestPostgres.newDatabase("edit_src");
        sourceUrl = TestPostgres.jdbcUrl(source) + "?user=postgres";
        try (Connection c = TestPostgres.connect(source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY, note text)");
            s.execute("CREATE TABLE public.items (id bigint PRIMARY KEY, sku text)");
            s.execute("CREATE TABLE public.\"Odd.Name\" (id int PRIMARY KEY)");
            s.execute("CREATE TABLE public.nokey (id int, v text)");
        }
    }

    /** A pipe on the real source capturing public.orders, claimed by a (pretend) worker and paused. */
    private static Pipe pausedPipe() {
        String name = "et-" + SEQ.incrementAndGet();
        CliRun created = run("pipe", "create", name, "--source", sourceUrl, "--destination",
                "duckdb:" + dir.resolve(name + ".duckdb"), "--tables", "public.orders");
        assertEquals(0, created.code(), created.toString());
        Pipe p = db.control().get(name);
        db.engineSets(p, PipeStatus.PAUSED);
        run("pipe", "pause", name);
        return db.control().get(name);
    }

    private static List<TableRef> sources(Pipe p) {
        return p.tables().stream().map(TableMapping::source).toList();
    }

    @Test
    void addingTablesIsCheckedLikeCreateRecordedAndResumedThroughModifying() {
        Pipe p = pausedPipe();
        CliRun keyless = run("pipe", "edit", p.name(), "--add-tables", "public.nokey");
        assertEquals(1, keyless.code(), keyless.toString());
        assertTrue(keyless.err().contains("public.nokey") && keyless.err().contains("ADD PRIMARY KEY"), keyless.err());
        assertFalse(keyless.err().contains("Exception"), keyless.err());
        CliRun missing = run("pipe", "edit", p.name(), "--add-tables", "public.nosuch");
        assertEquals(1, missing.code(), missing.toString());
        assertTrue(missing.err().contains("public.nosuch"), missing.err());
        assertEquals(List.of(TableRef.parse("public.orders")), sources(db.control().get(p.name())), "a refused edit changes nothing");

        CliRun already = run("pipe", "edit", p.name(), "--add-tables", "public.orders");
        assertEquals(1, already.code(), already.toString());
        assertTrue(already.err().contains("already captures table public.orders"), already.err());

        CliRun ok = run("pipe", "edit", p.name(), "--add-tables", "public.items,\"Odd.Name\":odd", "--batch-size", "700");
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().contains("+public.items") && ok.out().contains("+public.Odd.Name (into odd)")
                && ok.out().contains("batch size 100,000 -> 700"), ok.out());
        Pipe edited = db.control().get(p.name());
        assertEquals(List.of(TableRef.parse("public.orders"), TableRef.parse("public.items"), new TableRef("public", "Odd.Name")),
                sources(edited));
        assertEquals(700, edited.batchSize());
        assertEquals(PipeStatus.PAUSED, edited.status());
        assertEquals(Set.of(new TableMapping(TableRef.parse("public.items"), "items"),
                new TableMapping(new TableRef("public", "Odd.Name"), "odd")),
                Set.copyOf(db.control().repository().tableCopies().pending(p.id())));
        String last = run("pipe", "history", p.name()).out().lines().skip(1).findFirst().orElseThrow();
        assertTrue(last.contains(" edit ") && last.contains("+public.items"), last);

        CliRun resumed = run("pipe", "resume", p.name());
        assertEquals(0, resumed.code(), resumed.toString());
        assertEquals(PipeStatus.MODIFYING, db.control().get(p.name()).status(), "the added tables are copied first");
        CliRun editNow = run("pipe", "edit", p.name(), "--remove-tables", "public.items");
        assertEquals(1, editNow.code(), editNow.toString());
        assertTrue(editNow.err().contains("applying an edit"), editNow.err());
    }

    @Test
    void removingTablesKeepsAtLeastOneAndDropsTheirPendingCopy() {
        Pipe p = pausedPipe();
        assertEquals(0, run("pipe", "edit", p.name(), "--add-tables", "public.items").code());
        CliRun notCaptured = run("pipe", "edit", p.name(), "--remove-tables", "public.nokey");
        assertEquals(1, notCaptured.code(), notCaptured.toString());
        assertTrue(notCaptured.err().contains("does not capture table public.nokey"), notCaptured.err());

        CliRun removed = run("pipe", "edit", p.name(), "--remove-tables", "public.items");
        assertEquals(0, removed.code(), removed.toString());
        assertTrue(removed.out().contains("-public.items") && removed.out().contains("kept"), removed.out());
        assertEquals(List.of(TableRef.parse("public.orders")), sources(db.control().get(p.name())));
        assertFalse(db.control().repository().tableCopies().any(p.id()), "a removed table is not copied any more");

        CliRun last = run("pipe", "edit", p.name(), "--remove-tables", "public.orders");
        assertEquals(1, last.code(), last.toString());
        assertTrue(last.err().contains("at least one table"), last.err());

        CliRun both = run("pipe", "edit", p.name(), "--remove-tables", "public.orders", "--add-tables", "public.orders");
        assertEquals(1, both.code(), both.toString());
        assertEquals(2, run("pipe", "edit", p.name(), "--remove-tables", "public.orders:x").code(), "a mapping is a usage error");

        CliRun resumed = run("pipe", "resume", p.name());
        assertEquals(0, resumed.code(), resumed.toString());
        assertEquals(PipeStatus.PAUSED, db.control().get(p.name()).status(), "nothing to copy: an ordinary resume");
    }

    @Test
    void oneTableResyncKeepsTheStatusAndAWholeResyncSupersedesIt() {
        Pipe p = pausedPipe();
        db.engineSets(p, PipeStatus.RUNNING);
        run("pipe", "resume", p.name());
        assertEquals(PipeStatus.RUNNING, db.control().get(p.name()).status());

        CliRun other = run("pipe", "resync", p.name(), "--table", "public.items");
        assertEquals(1, other.code(), other.toString());
        assertTrue(other.err().contains("does not capture table public.items"), other.err());
        assertEquals(2, run("pipe", "resync", p.name(), "--table", "a.b.c").code(), "a malformed name is a usage error");

        CliRun ok = run("pipe", "resync", p.name(), "--table", "public.orders");
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().contains("while the other tables keep streaming"), ok.out());
        Pipe now = db.control().get(p.name());
        assertEquals(PipeStatus.RUNNING, now.status());
        assertEquals(TableRef.parse("public.orders"), db.control().repository().resyncs().pendingTable(now.id()).orElseThrow());
        assertFalse(db.control().repository().resyncs().pending(now.id()), "not a whole-pipe resync");
        String last = run("pipe", "history", p.name()).out().lines().skip(1).findFirst().orElseThrow();
        assertTrue(last.contains(" resync ") && last.contains("public.orders"), last);

        db.engineSets(now, PipeStatus.FAILED);
        CliRun failed = run("pipe", "resync", p.name(), "--table", "public.orders");
        assertEquals(1, failed.code(), failed.toString());
        assertTrue(failed.err().contains("resynced as a whole"), failed.err());
        assertEquals(0, run("pipe", "resync", p.name()).code());
        assertTrue(db.control().repository().resyncs().pending(now.id()));
        assertTrue(db.control().repository().resyncs().pendingTable(now.id()).isEmpty(), "the whole-pipe resync supersedes it");
    }

    @Test
    void addingTablesToAClusterPipeIsRefusedWithWhatToDoInstead() {
        Pipe p = db.control().create(new PipeSpec("et-cluster-" + SEQ.incrementAndGet(), sourceUrl,
                "clickhouse://default@ch1:8123/shop?cluster=two", TableMapping.parseList("public.orders"), 1000,
                PipeSpec.DEFAULT_SYNC_INTERVAL, 2), Actor.of(Actor.Kind.TEST));
        db.engineSets(p, PipeStatus.PAUSED);
        run("pipe", "pause", p.name());
        CliRun add = run("pipe", "edit", p.name(), "--add-tables", "public.items");
        assertEquals(1, add.code(), add.toString());
        assertTrue(add.err().contains("ClickHouse cluster") && add.err().contains("second pipe"), add.err());
        assertEquals(List.of(TableRef.parse("public.orders")), sources(db.control().get(p.name())));
        assertEquals(0, run("pipe", "edit", p.name(), "--batch-size", "10").code(), "its batch settings can still be edited");
    }

    @Test
    void helpShowsTheNewOptions() {
        CliRun edit = run("pipe", "edit", "--help");
        assertTrue(edit.out().contains("--add-tables") && edit.out().contains("--remove-tables") && edit.out().contains("MODIFYING"),
                edit.out());
        CliRun resync = run("pipe", "resync", "--help");
        assertTrue(resync.out().contains("--table") && resync.out().contains("other tables keep streaming"), resync.out());
    }
}
