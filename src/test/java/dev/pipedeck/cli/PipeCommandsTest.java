package dev.pipedeck.cli;

import dev.pipedeck.catalog.Json;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SnapshotSettings;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.testing.TestCatalog;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pipedeck pipe ...} against a real catalog: output, JSON fields, exit codes, error lines. */
class PipeCommandsTest extends CatalogCliTest {
    private static final String SOURCE_PW = "srcPw-9f2";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static String sourceUrl;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        String sourceDb = TestPostgres.newDatabase("cli_source");
        try (Connection c = TestPostgres.connect(sourceDb); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric); CREATE TABLE items (id bigint PRIMARY KEY)");
        }
        sourceUrl = TestPostgres.jdbcUrl(sourceDb) + "?user=postgres&password=" + SOURCE_PW;
    }

    private static String create(String name) {
        CliRun r = run("pipe", "create", name, "--source", sourceUrl, "--destination", "duckdb:" + tmp.resolve(name + ".duckdb"),
                "--tables", "public.orders,public.items:line_items", "--batch-size", "500", "--sync-interval", "250ms");
        assertEquals(0, r.code(), r.toString());
        return name;
    }

    @Test
    void createThenListAndStatusShowThePipeWithoutItsPassword() {
        String name = create("listed-" + SEQ.incrementAndGet());
        CliRun list = run("pipe", "list");
        assertEquals(0, list.code(), list.toString());
        String header = list.out().lines().findFirst().orElseThrow();
        assertTrue(header.startsWith("NAME") && header.contains("STATUS") && header.contains("DESIRED"), header);
        String row = list.out().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
        assertTrue(row.contains("SETUP") && row.contains("RUNNING"), row);
        assertEquals(header.indexOf("STATUS"), row.indexOf("SETUP"), "aligned columns");

        CliRun status = run("pipe", "status", name);
        assertEquals(0, status.code(), status.toString());
        assertTrue(status.out().contains("status:") && status.out().contains("SETUP"), status.out());
        assertTrue(status.out().contains("public.items -> line_items"), status.out());
        assertTrue(status.out().contains("sync interval:") && status.out().contains("250ms"), status.out());
        assertTrue(status.out().contains("not sampled yet"), status.out());
        for (CliRun r : List.of(list, status, run("pipe", "list", "--json"), run("pipe", "status", name, "--json"))) {
            assertFalse(r.out().contains(SOURCE_PW) || r.err().contains(SOURCE_PW), r.toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonCarriesTheContractFields() {
        String name = create("json-" + SEQ.incrementAndGet());
        Pipe p = db.control().get(name);
        CliRun before = run("pipe", "status", name, "--json");
        Map<String, Object> j = (Map<String, Object>) Json.parse(before.out());
        assertEquals(name, j.get("name"));
        assertEquals("SETUP", j.get("status"));
        assertEquals("RUNNING", j.get("desiredState"));
        assertEquals(0L, j.get("rowsSynced"));
        assertNull(j.get("consistentAsOf"));
        assertTrue(j.containsKey("lastError") && j.containsKey("statusReason"));
        assertEquals(sourceUrl.replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*", ""), j.get("source"));
        assertEquals("duckdb:" + tmp.resolve(name + ".duckdb"), j.get("destination"));
        assertEquals(List.of(Map.of("source", "public.orders", "destination", "orders"),
                Map.of("source", "public.items", "destination", "line_items")), j.get("tables"));
        Map<String, Object> slot = (Map<String, Object>) j.get("slot");
        assertEquals(p.slotName(), slot.get("name"));
        for (String k : List.of("retainedWalBytes", "backlogBytes", "walStatus", "safeWalSizeBytes")) {
            assertTrue(slot.containsKey(k) && slot.get(k) == null, k);
        }
        // nothing copied yet: the initial load per table, without a rate or a time left
        Map<String, Object> load = (Map<String, Object>) j.get("initialLoad");
        assertEquals(false, load.get("done"));
        assertEquals(0L, load.get("rowsCopied"));
        assertEquals(0L, load.get("rowsPerSecond"));
        assertTrue(load.containsKey("secondsLeft") && load.get("secondsLeft") == null, load.toString());
        assertEquals(List.of("public.items", "public.orders"), ((List<Map<String, Object>>) load.get("tables")).stream()
                .map(t -> t.get("table")).toList());

        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        db.control().repository().recordConsistentAsOf(p.id(), 0x16B3F20L, at);
        db.control().repository().recordError(p.id(), "destination unreachable");
        new MetricsRepository(db.catalog().dataSource()).recordSlotSample(new SlotSampleRow(p.id(), Instant.now(), true, false,
                123_456L, 7_890L, "reserved", null, null, 0x16B4000L, 0x16B3F20L, 0x16B0000L));
        Map<String, Object> after = (Map<String, Object>) Json.parse(run("pipe", "status", name, "--json").out());
        assertEquals(Map.of("lsn", "0/16B3F20", "commitTime", "2026-01-02T03:04:05Z"), after.get("consistentAsOf"));
        assertEquals("destination unreachable", after.get("lastError"));
        Map<String, Object> s2 = (Map<String, Object>) after.get("slot");
        assertEquals(123_456L, s2.get("retainedWalBytes"));
        assertEquals(7_890L, s2.get("backlogBytes"));
        assertEquals("reserved", s2.get("walStatus"));
        assertNull(s2.get("safeWalSizeBytes"));

        List<Object> all = (List<Object>) Json.parse(run("pipe", "list", "--json").out());
        Map<String, Object> inList = all.stream().map(o -> (Map<String, Object>) o).filter(o -> name.equals(o.get("name")))
                .findFirst().orElseThrow();
        assertEquals(after, inList);
        CliRun human = run("pipe", "status", name);
        assertTrue(human.out().contains("0/16B3F20") && human.out().contains("120.6 KiB") && human.out().contains("reserved"), human.out());
    }

    @Test
    void snapshotSettingsAreStoredAndBadOnesAreAUsageError() {
        String name = "snap-" + SEQ.incrementAndGet();
        CliRun r = run("pipe", "create", name, "--source", sourceUrl, "--destination", "duckdb:" + tmp.resolve(name + ".duckdb"),
                "--tables", "public.orders", "--snapshot-rows-per-partition", "50000", "--snapshot-readers-per-table", "3",
                "--snapshot-tables-in-parallel", "2");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("initial load: 50,000 rows per partition, 3 readers per table, 2 tables at a time"), r.out());
        Pipe p = db.control().get(name);
        assertEquals(new SnapshotSettings(50_000, 3, 2), db.control().snapshotSettings(p));
        assertEquals(3, p.snapshotParallelism());

        String bad = "snap-bad-" + SEQ.incrementAndGet();
        CliRun refused = run("pipe", "create", bad, "--source", sourceUrl, "--destination", "duckdb:" + tmp.resolve(bad + ".duckdb"),
                "--tables", "public.orders", "--snapshot-readers-per-table", "0");
        assertEquals(2, refused.code(), refused.toString());
        assertTrue(refused.err().contains("parallel readers per table and tables copied in parallel must be at least 1"),
                refused.err());
        assertTrue(db.control().list().stream().noneMatch(x -> x.name().equals(bad)), "nothing stored");
    }

    @Test
    void pauseResumeAndTheirNoOpsExitZeroWithAMessage() {
        String name = create("ctl-" + SEQ.incrementAndGet());
        db.engineSets(db.control().get(name), PipeStatus.RUNNING);
        CliRun pause = run("pipe", "pause", name);
        assertEquals(0, pause.code(), pause.toString());
        assertTrue(pause.out().contains("pause requested"), pause.out());
        assertEquals(DesiredState.PAUSED, db.control().get(name).desiredState());
        assertEquals("CLI", db.control().repository().audit(name, 1).get(0).actor().kind().name());

        db.engineSets(db.control().get(name), PipeStatus.PAUSED);
        CliRun again = run("pipe", "pause", name);
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("already paused"), again.out());

        CliRun resume = run("pipe", "resume", name);
        assertEquals(0, resume.code(), resume.toString());
        assertEquals(DesiredState.RUNNING, db.control().get(name).desiredState());
        db.engineSets(db.control().get(name), PipeStatus.RUNNING);
        CliRun resumeAgain = run("pipe", "resume", name);
        assertEquals(0, resumeAgain.code());
        assertTrue(resumeAgain.out().contains("already running"), resumeAgain.out());
    }

    @Test
    void aRefusedRequestExitsOneNamingTheStatus() {
        String name = create("refused-" + SEQ.incrementAndGet());
        db.engineSets(db.control().get(name), PipeStatus.DELETING);
        CliRun r = run("pipe", "pause", name);
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.errorLines().size(), r.toString());
        assertTrue(r.err().startsWith("pipedeck: ") && r.err().contains("DELETING"), r.err());
    }

    @Test
    void anUnknownNameExitsOneWithASuggestion() {
        String name = create("shop-orders-" + SEQ.incrementAndGet());
        String typo = name.replace("orders", "ordrs");
        for (String cmd : List.of("status", "pause", "resume", "delete")) {
            CliRun r = run("pipe", cmd, typo);
            assertEquals(1, r.code(), r.toString());
            assertEquals(List.of("pipedeck: no pipe named '" + typo + "' — did you mean '" + name + "'?"), r.errorLines());
        }
    }

    @Test
    void waitReturnsWhenTheWorkerGetsThereAndFailsNamingTheStuckStatus() throws Exception {
        String name = create("wait-" + SEQ.incrementAndGet());
        Pipe p = db.control().get(name);
        db.engineSets(p, PipeStatus.RUNNING);
        CliRun stuck = run("pipe", "pause", name, "--wait=400ms");
        assertEquals(1, stuck.code(), stuck.toString());
        assertTrue(stuck.out().contains("pause requested"), stuck.toString());
        assertEquals(1, stuck.errorLines().size(), stuck.toString());
        assertTrue(stuck.err().contains("did not reach PAUSED within 400ms") && stuck.err().contains("stuck in RUNNING"), stuck.err());

        Thread engine = new Thread(() -> {
            try {
                Thread.sleep(300);
                db.control().repository().updateStatus(p.id(), PipeStatus.PAUSING, "draining", TestCatalog.ENGINE);
                Thread.sleep(300);
                db.control().repository().updateStatus(p.id(), PipeStatus.PAUSED, null, TestCatalog.ENGINE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        engine.start();
        CliRun ok = run("pipe", "pause", name, "--wait=10s");
        engine.join();
        assertEquals(0, ok.code(), ok.toString());
        // "already pausing", or "already paused" when the CLI started after the engine got there (a loaded machine)
        assertTrue(ok.out().contains("already paus") && ok.out().contains("is PAUSED"), ok.out());
    }

    @Test
    void waitOnResumeGivesUpWhenThePipeFailsAgain() throws Exception {
        String name = create("refail-" + SEQ.incrementAndGet());
        Pipe p = db.control().get(name);
        db.engineSets(p, PipeStatus.FAILED);
        Thread engine = new Thread(() -> {
            try {
                // fail again only once the retry was requested, as an engine would
                while (db.control().get(name).status() != PipeStatus.RESUMING) {
                    Thread.sleep(20);
                }
                Thread.sleep(200);
                db.control().repository().recordError(p.id(), "authentication failed for user replicator");
                db.control().repository().updateStatus(p.id(), PipeStatus.FAILED, "login refused", TestCatalog.ENGINE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        engine.start();
        long t0 = System.nanoTime();
        CliRun r = run("pipe", "resume", name, "--wait=20s");
        engine.join();
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("failed while waiting for RUNNING: authentication failed"), r.err());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "gave up early");
    }

    @Test
    void malformedUrlsAreUsageErrorsThatNameTheBadPartButNeverThePassword() {
        int before = db.control().list().size();
        CliRun scheme = run("pipe", "create", "bad-url", "--source", "postgres://rep:Hunter2xyz@db:5432/shop",
                "--destination", "duckdb:/tmp/x.duckdb", "--tables", "public.orders");
        CliRun noDb = run("pipe", "create", "bad-url", "--source", "jdbc:postgresql://db:5432?user=rep&password=Hunter2xyz",
                "--destination", "duckdb:/tmp/x.duckdb", "--tables", "public.orders");
        CliRun dest = run("pipe", "create", "bad-url", "--source", sourceUrl,
                "--destination", "http://default:Hunter2xyz@ch:8123/db", "--tables", "public.orders");
        CliRun destSlash = run("pipe", "create", "bad-url", "--source", sourceUrl,
                "--destination", "ch://default:Hun/ter2xyz@ch:8123/db", "--tables", "public.orders");
        for (CliRun r : List.of(scheme, noDb, dest, destSlash)) {
            assertEquals(2, r.code(), r.toString());
            assertEquals(1, r.errorLines().size(), r.toString());
            assertFalse(r.err().contains("Hunter2xyz") || r.err().contains("ter2xyz") || r.out().contains("Hunter2xyz"), r.toString());
        }
        assertTrue(scheme.err().contains("source URL must look like jdbc:postgresql://"), scheme.err());
        assertTrue(noDb.err().contains("no host or database"), noDb.err());
        assertTrue(dest.err().contains("--destination must be clickhouse://"), dest.err());
        assertEquals(before, db.control().list().size(), "nothing written");
    }

    @Test
    void badInputToCreateIsAUsageErrorAndStoresNothing() {
        int before = db.control().list().size();
        CliRun clash = run("pipe", "create", "clash", "--source", sourceUrl, "--destination", "duckdb:/tmp/c.duckdb",
                "--tables", "public.orders,sales.orders");
        assertEquals(2, clash.code(), clash.toString());
        assertTrue(clash.err().contains("would both land in destination table 'orders'"), clash.err());
        CliRun badName = run("pipe", "create", "has space", "--source", sourceUrl, "--destination", "duckdb:/tmp/c.duckdb",
                "--tables", "public.orders");
        assertEquals(2, badName.code(), badName.toString());
        assertTrue(badName.err().contains("is not allowed"), badName.err());
        CliRun badInterval = run("pipe", "create", "x", "--source", sourceUrl, "--destination", "duckdb:/tmp/c.duckdb",
                "--tables", "public.orders", "--sync-interval", "soon");
        assertEquals(2, badInterval.code(), badInterval.toString());
        assertTrue(badInterval.err().contains("'soon' is not a duration"), badInterval.err());
        CliRun missing = run("pipe", "create", "x", "--source", sourceUrl);
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Missing required options"), missing.err());
        assertEquals(before, db.control().list().size());
    }

    @Test
    void aDuplicateNameIsRefusedAndTheFirstPipeIsUntouched() {
        String name = create("dup-" + SEQ.incrementAndGet());
        Pipe first = db.control().get(name);
        CliRun r = run("pipe", "create", name, "--source", sourceUrl, "--destination", "duckdb:/tmp/other.duckdb",
                "--tables", "public.items");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("a pipe named '" + name + "' already exists"), r.err());
        assertEquals(first, db.control().get(name));
    }

    @Test
    void deleteRemovesAnUnownedPipeAndOnlyRequestsItWhenALiveWorkerOwnsIt() throws Exception {
        String gone = create("del-" + SEQ.incrementAndGet());
        CliRun r = run("pipe", "delete", gone);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("deleted"), r.out());
        assertTrue(db.control().repository().find(gone).isEmpty());

        String owned = create("del-owned-" + SEQ.incrementAndGet());
        Pipe p = db.control().get(owned);
        try (Connection worker = DriverManager.getConnection(db.url()); Statement st = worker.createStatement()) {
            st.execute("SELECT pg_advisory_lock(5260363, " + p.id() + ")");
            CliRun req = run("pipe", "delete", owned);
            assertEquals(0, req.code(), req.toString());
            Pipe still = db.control().get(owned);
            assertEquals(DesiredState.DELETED, still.desiredState(), "the owning worker carries the delete out");
        }
    }

    @Test
    void unknownOptionsAndMissingArgumentsExitTwoWithOneLine() {
        for (String[] args : List.of(new String[] {"pipe", "list", "--bogus"}, new String[] {"pipe", "pause"},
                new String[] {"pipe", "frobnicate"}, new String[] {"pipe"}, new String[] {"nope"},
                new String[] {"pipe", "pause", "x", "--wait=forever"})) {
            CliRun r = CliRun.of(env, args);
            assertEquals(2, r.code(), r.toString());
            assertEquals(1, r.err().lines().count(), r.toString());
            assertTrue(r.err().startsWith("pipedeck: ") && r.err().contains("--help"), r.toString());
            assertEquals("", r.out());
        }
    }

    @Test
    void helpExitsZero() {
        CliRun r = run("pipe", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("pause") && r.out().contains("resume"), r.out());
    }

    @Test
    void anUnreachableCatalogIsOneLineExitOneNoStackTrace() {
        CliRun r = CliRun.of(Map.of(), "pipe", "list", "--catalog", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=CatPw77");
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().contains("unreachable"), r.err());
        assertFalse(r.err().contains("CatPw77") || r.err().contains("Exception") || r.err().contains("\tat "), r.err());

        CliRun verbose = CliRun.of(Map.of(), "pipe", "list", "--verbose", "--catalog", "jdbc:postgresql://127.0.0.1:1/x?password=CatPw77");
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().contains("\tat "), "stack trace with --verbose");
        assertFalse(verbose.err().contains("CatPw77"), verbose.err());
    }

    @Test
    void aMissingCatalogDatabaseOrNoCatalogAtAllIsSaidPlainly() {
        CliRun missingDb = CliRun.of(Map.of(), "pipe", "list", "--catalog", TestPostgres.jdbcUrl("no_such_db") + "?user=postgres");
        assertEquals(1, missingDb.code(), missingDb.toString());
        assertTrue(missingDb.err().contains("the catalog database does not exist"), missingDb.err());
        CliRun login = CliRun.of(Map.of(), "pipe", "list", "--catalog", TestPostgres.jdbcUrl("postgres") + "?user=nobody&password=LoginPw5");
        assertEquals(1, login.code(), login.toString());
        assertEquals(List.of("pipedeck: could not open the catalog at " + TestPostgres.jdbcUrl("postgres")
                + "?user=nobody&password=***: the catalog rejected the login (wrong user or password)"), login.err().lines().toList());
        CliRun none = CliRun.of(Map.of(), "pipe", "list");
        assertEquals(2, none.code(), none.toString());
        assertTrue(none.err().contains("PIPEDECK_CATALOG"), none.err());
        CliRun notJdbc = CliRun.of(Map.of(), "pipe", "list", "--catalog", "postgres://u:Pw0@h/db");
        assertEquals(2, notJdbc.code(), notJdbc.toString());
        assertTrue(notJdbc.err().contains("jdbc:postgresql://") && !notJdbc.err().contains("Pw0"), notJdbc.err());
    }

    @Test
    void globalOptionsWorkBeforeTheSubcommandToo() {
        CliRun r = CliRun.of(Map.of("PIPEDECK_SECRET_KEY", TestCatalog.SECRET_KEY), "--catalog", db.url(), "pipe", "list", "--json");
        assertEquals(0, r.code(), r.toString());
        assertNotNull(Json.parse(r.out()));
    }
}
