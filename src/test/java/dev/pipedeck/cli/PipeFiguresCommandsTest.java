package dev.pipedeck.cli;

import dev.pipedeck.catalog.Json;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.WalForecast;
import dev.pipedeck.testing.TestCatalog;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pipe status} shows the lag and the WAL-budget forecast the worker stored with the newest slot sample. */
class PipeFiguresCommandsTest {
    private static final long MB = 1024 * 1024;
    private static TestCatalog db;
    private static Map<String, String> env;
    private static String sourceUrl;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        db = new TestCatalog("clifig");
        env = Map.of("PIPEDECK_CATALOG", db.url(), "PIPEDECK_SECRET_KEY", TestCatalog.SECRET_KEY);
        String sourceDb = TestPostgres.newDatabase("clifig_source");
        try (Connection c = TestPostgres.connect(sourceDb); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric)");
        }
        sourceUrl = TestPostgres.jdbcUrl(sourceDb) + "?user=postgres";
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static CliRun run(String... args) {
        return CliRun.of(env, args);
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
}
