package dev.pipedeck.cli;

import dev.pipedeck.catalog.Json;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotHeadroom;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.console.common.CatalogBackend;
import dev.pipedeck.console.common.ConsoleData;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.PipeAlerts;
import dev.pipedeck.console.metrics.MetricsViewModel;
import dev.pipedeck.console.settings.ConfirmationText;
import dev.pipedeck.demo.EmbeddedPostgresServer;
import dev.pipedeck.engine.DefaultConnectors;
import dev.pipedeck.engine.EngineOptions;
import dev.pipedeck.engine.Worker;
import dev.pipedeck.testing.TestCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A paused pipe's slot driven over {@code max_slot_wal_keep_size} on a real Postgres: {@code safe_wal_size} goes
 * negative, and the real sampler → catalog → CLI / console path must say "over the limit", never "unlimited".
 */
class SlotOverLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void negativeSafeWalSizeIsShownAsOverTheLimitEverywhere(@TempDir Path dir) throws Exception {
        // a server of the test's own: the tiny limit and the long checkpoint interval must not touch other tests' slots
        EmbeddedPostgresServer source = EmbeddedPostgresServer.start(dir.resolve("pg"), freePort());
        try (TestCatalog db = new TestCatalog("overlimit")) {
            source.ensureDatabase("shop");
            try (Connection c = source.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("ALTER SYSTEM SET max_slot_wal_keep_size = '1MB'");
                // no checkpoint while the test runs: the slot stays "being lost" (unreserved) instead of lost
                st.execute("ALTER SYSTEM SET checkpoint_timeout = '1h'");
                st.execute("ALTER SYSTEM SET max_wal_size = '4GB'");
                st.execute("SELECT pg_reload_conf()");
            }
            try (Connection c = source.connect("shop"); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE orders (id bigint PRIMARY KEY, note text)");
                st.execute("CREATE TABLE filler (id bigint, pad text)");
                st.execute("INSERT INTO orders SELECT g, 'n' FROM generate_series(1, 100) g");
            }
            Map<String, String> env = Map.of("PIPEDECK_CATALOG", db.url(), "PIPEDECK_SECRET_KEY", TestCatalog.SECRET_KEY);
            CliRun created = CliRun.of(env, "pipe", "create", "lim", "--source", source.jdbcUrl("shop") + "?user=postgres",
                    "--destination", "duckdb:" + dir.resolve("lim.duckdb"), "--tables", "public.orders");
            assertEquals(0, created.code(), created.toString());
            MetricsRepository metrics = new MetricsRepository(db.catalog().dataSource());
            try (Worker w = new Worker(db.catalog(), db.secrets(), "w-overlimit", DefaultConnectors.create(),
                    new EngineOptions(Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))) {
                w.start();
                waitForPipe(db, p -> p.status() == PipeStatus.RUNNING, "RUNNING");
                assertEquals(0, CliRun.of(env, "pipe", "pause", "lim", "--wait=60s").code());
                long id = db.control().get("lim").id();
                SlotSampleRow before = waitForSample(metrics, id, s -> s.safeWalSizeBytes() != null && s.safeWalSizeBytes() > 0
                        && !s.active(), "a sample with headroom left while paused");
                assertEquals(SlotHeadroom.Kind.LEFT, SlotHeadroom.of(before).kind());
                ConsoleState state = new ConsoleState(ZoneOffset.UTC);
                MetricsViewModel vm = new MetricsViewModel(state);
                PipeAlerts alerts = new PipeAlerts();
                state.open("lim");
                ConsoleData first = new CatalogBackend(db.catalog()).load("lim");
                state.applyData(first);
                assertTrue(alerts.check(first, Long.MAX_VALUE).isEmpty());
                assertTrue(vm.headroomProperty().get().contains("(safe_wal_size)"), vm.headroomProperty().get());

                // well past 1 MB + one 16 MB segment of headroom, without a checkpoint
                try (Connection c = source.connect("shop"); Statement st = c.createStatement()) {
                    for (int i = 0; i < 6; i++) {
                        st.execute("INSERT INTO filler SELECT g, repeat(md5(g::text), 40) FROM generate_series(1, 8000) g");
                    }
                }
                SlotSampleRow over = waitForSample(metrics, id, s -> s.safeWalSizeBytes() != null && s.safeWalSizeBytes() < 0,
                        "a sample with a negative safe_wal_size");
                assertEquals("unreserved", over.walStatus());
                assertEquals(1024L * 1024, over.maxSlotWalKeepSizeBytes());

                CliRun text = CliRun.of(env, "pipe", "status", "lim");
                assertEquals(0, text.code(), text.toString());
                String slotLine = text.out().lines().filter(l -> l.contains("safe_wal_size")).findFirst().orElseThrow();
                assertFalse(slotLine.contains("unlimited"), slotLine);
                assertTrue(slotLine.contains("OVER the limit of max_slot_wal_keep_size 1.0 MiB"), slotLine);
                assertTrue(slotLine.contains("the slot is being lost"), slotLine);

                @SuppressWarnings("unchecked")
                Map<String, Object> slot = (Map<String, Object>) ((Map<String, Object>) Json.parse(
                        CliRun.of(env, "pipe", "status", "lim", "--json").out())).get("slot");
                assertTrue(((Number) slot.get("safeWalSizeBytes")).longValue() < 0, slot.toString());
                assertEquals("over_limit", slot.get("headroom"));
                assertEquals(1024L * 1024, ((Number) slot.get("maxSlotWalKeepSizeBytes")).longValue());

                ConsoleData now = new CatalogBackend(db.catalog()).load("lim");
                state.applyData(now);
                String headroom = vm.headroomProperty().get();
                assertTrue(headroom.startsWith("over the limit by "), headroom);
                assertFalse(headroom.contains("no limit"), headroom);
                List<PipeAlerts.Alert> raised = alerts.check(now, Long.MAX_VALUE);
                assertEquals(1, raised.size(), raised.toString());
                assertEquals("Slot of lim is over max_slot_wal_keep_size", raised.get(0).title());
                assertTrue(raised.get(0).text().contains("Resume the pipe now"), raised.get(0).text());
                Pipe p = now.pipe("lim").orElseThrow();
                String dialog = ConfirmationText.pause(p, now.latestSamples().get(p.id())).content();
                assertTrue(dialog.contains("it is being lost"), dialog);
                assertFalse(dialog.contains("no limit"), dialog);
            }
        } finally {
            source.close();
        }
    }

    private static Pipe waitForPipe(TestCatalog db, Predicate<Pipe> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Pipe p = db.control().get("lim");
        while (!condition.test(p)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pipe did not reach " + what + "; it is " + p.status() + " (" + p.statusReason() + ")");
            }
            Thread.sleep(100);
            p = db.control().get("lim");
        }
        return p;
    }

    private static SlotSampleRow waitForSample(MetricsRepository metrics, long id, Predicate<SlotSampleRow> condition,
                                               String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        SlotSampleRow s = metrics.latestSlotSamples().get(id);
        while (s == null || !condition.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT + "; latest: " + s);
            }
            Thread.sleep(100);
            s = metrics.latestSlotSamples().get(id);
        }
        return s;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
