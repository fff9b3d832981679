package dev.pipedeck.cli;

import dev.pipedeck.catalog.Json;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.WalForecast;
import dev.pipedeck.engine.DefaultConnectors;
import dev.pipedeck.engine.EngineOptions;
import dev.pipedeck.engine.Worker;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pipe status} shows the lag and the WAL-budget forecast the worker stored with the newest slot sample. */
class PipeFiguresCommandsTest extends CatalogCliTest {
    private static final long MB = 1024 * 1024;
    private static String sourceUrl;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        String sourceDb = TestPostgres.newDatabase("clifig_source");
        try (Connection c = TestPostgres.connect(sourceDb); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric)");
            st.execute("INSERT INTO orders SELECT g, g * 0.5 FROM generate_series(1, 300) g");
        }
        sourceUrl = TestPostgres.jdbcUrl(sourceDb) + "?user=postgres";
    }

    static Pipe create(String name) {
        CliRun r = run("pipe", "create", name, "--source", sourceUrl, "--destination", "duckdb:" + tmp.resolve(name + ".duckdb"),
                "--tables", "public.orders");
        assertEquals(0, r.code(), r.toString());
        return db.control().get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusShowsLagAndForecast() {
        Pipe p = create("figures");
        // 12 MB/min against 2400 MB of headroom: 200 min
        WalForecast f = WalForecast.of(12.0 * MB / 60, 2400 * MB);
        new MetricsRepository(db.catalog().dataSource()).recordSlotSample(new SlotSampleRow(p.id(), Instant.now(), true, false,
                300 * MB, 300 * MB, "reserved", 2400 * MB, 4096 * MB, 0x16B4000L, 0x16B3F20L, 0x16B0000L)
                .withFigures(125.0, f, null));
        CliRun human = run("pipe", "status", "figures");
        assertEquals(0, human.code(), human.toString());
        assertTrue(human.out().contains("2 min 5 s"), human.out());
        assertTrue(human.out().contains("at the current rate (12 MB/min) the slot is lost in about 3 h 20 min"), human.out());
        Map<String, Object> j = (Map<String, Object>) Json.parse(run("pipe", "status", "figures", "--json").out());
        assertEquals(125.0, ((Number) j.get("lagSeconds")).doubleValue());
        Map<String, Object> fj = (Map<String, Object>) j.get("walForecast");
        assertEquals(12000.0, ((Number) fj.get("secondsLeft")).doubleValue(), 1.0);
        assertEquals(2400 * MB, ((Number) fj.get("budgetBytes")).longValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void verifyExitsZeroOnAnIntactPipeAndOneWithTheLostKey() throws Exception {
        Pipe p = create("verified");
        try (Worker w = new Worker(db.catalog(), db.secrets(), "w-cli", DefaultConnectors.create(),
                new EngineOptions(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(2), 4, Duration.ofSeconds(1)))) {
            w.start();
            waitFor(() -> db.control().get("verified").rowsSynced() >= 300);
            assertEquals(0, run("pipe", "pause", "verified", "--wait=60s").code());
        }
        CliRun ok = run("pipe", "verify", "verified");
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().contains("public.orders → orders: 300 rows compared, all match"), ok.out());
        assertTrue(ok.err().contains("verify: public.orders: 300 rows compared"), ok.err());

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve("verified.duckdb"));
             Statement st = c.createStatement()) {
            st.execute("DELETE FROM orders WHERE id = 42");
        }
        CliRun bad = run("pipe", "verify", "verified", "--table", "public.orders", "--json");
        assertEquals(1, bad.code(), bad.toString());
        Map<String, Object> j = (Map<String, Object>) Json.parse(bad.out());
        assertEquals(false, j.get("matches"));
        Map<String, Object> t = (Map<String, Object>) ((List<Object>) j.get("tables")).get(0);
        assertEquals(1L, ((Number) t.get("lost")).longValue());
        assertEquals(List.of("42"), t.get("lostKeys"));
        assertEquals(300L, ((Number) t.get("compared")).longValue());
    }

    private static void waitFor(java.util.function.BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(100);
        }
    }

    @Test
    void walLimitIsSetClearedAndAuditedAndABadSizeIsAUsageError() {
        Pipe p = create("walcap");
        MetricsRepository metrics = new MetricsRepository(db.catalog().dataSource());
        CliRun set = run("pipe", "wal-limit", "walcap", "50GB");
        assertEquals(0, set.code(), set.toString());
        assertTrue(set.out().contains("a WAL limit of"), set.out());
        assertEquals(50L * 1024 * MB, metrics.walLimit(p.id()));
        CliRun history = run("pipe", "history", "walcap");
        assertTrue(history.out().contains("wal-limit"), history.out());
        CliRun cleared = run("pipe", "wal-limit", "walcap", "none");
        assertEquals(0, cleared.code(), cleared.toString());
        assertEquals(null, metrics.walLimit(p.id()));
        CliRun bad = run("pipe", "wal-limit", "walcap", "lots");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("write it like 50GB"), bad.err());
        assertEquals(1, run("pipe", "wal-limit", "no-such-pipe", "1GB").code());
    }
}
