package dev.pipedeck.engine;

import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.demo.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lag in seconds and the WAL-budget forecast, as the worker stores them with every slot sample, on a real Postgres. */
class LagAndForecastTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void lagIsZeroWhenCaughtUpAndTheAgeOfTheOldestPendingChangeWhilePaused(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("lag")) {
            f.sql(OrdersTable.DDL);
            Pipe p = f.createPipe("lag", "duckdb:" + dir.resolve("lag.duckdb"), "public.orders", 1_000, Duration.ofMillis(100));
            f.startWorker("w1");
            f.waitForStatus("lag", PipeStatus.RUNNING, WAIT);
            long before = f.walPosition();
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 100);
            }
            f.waitCaughtUp("lag", before, WAIT);
            MetricsRepository metrics = new MetricsRepository(f.catalog.dataSource());
            waitForSample(metrics, p.id(), s -> Double.valueOf(0.0).equals(s.lagSeconds()), "lag 0 while caught up");

            f.control.pause("lag", EngineFixture.TEST);
            f.waitForStatus("lag", PipeStatus.PAUSED, WAIT);
            Instant pausedAt = Instant.now();
            waitForSample(metrics, p.id(), s -> s.at().isAfter(pausedAt) && Double.valueOf(0.0).equals(s.lagSeconds()),
                    "lag 0 while paused with nothing pending");

            Instant changedAt = Instant.now();
            f.sql("UPDATE orders SET status = 'late' WHERE id = 1");
            SlotSampleRow s = waitForSample(metrics, p.id(), x -> x.lagSeconds() != null && x.lagSeconds() >= 4,
                    "a lag of 4 s or more while a change waits in the paused slot");
            double expected = Duration.between(changedAt, s.at()).toMillis() / 1000.0;
            assertEquals(expected, s.lagSeconds(), 2.0, "the lag is the age of the pending change (sampled " + s.at() + ")");

            f.control.resume("lag", EngineFixture.TEST);
            f.waitForStatus("lag", PipeStatus.RUNNING, WAIT);
            Instant resumedAt = Instant.now();
            waitForSample(metrics, p.id(), x -> x.at().isAfter(resumedAt) && Double.valueOf(0.0).equals(x.lagSeconds()),
                    "lag 0 again once the pending change was applied");
        }
    }

    @Test
    void forecastMatchesTheMeasuredWalRateWithinTwentyPercent(@TempDir Path dir) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pg"), freePort());
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = null;
        try {
            server.ensureDatabase("shop");
            try (Connection c = server.connect("shop"); Statement st = c.createStatement()) {
                st.execute("ALTER SYSTEM SET max_slot_wal_keep_size = '1GB'");
                st.execute("SELECT pg_reload_conf()");
                st.execute(OrdersTable.DDL);
                st.execute("CREATE TABLE noise (id bigserial PRIMARY KEY, v text)");
            }
            try (EngineFixture f = new EngineFixture(server, "shop", "forecast")) {
                // a steady writer on a table the pipe does not capture: the slot retains its WAL while paused
                writer = new Thread(() -> {
                    try (Connection c = server.connect("shop"); Statement st = c.createStatement()) {
                        while (writing.get()) {
                            st.execute("INSERT INTO noise (v) SELECT repeat('x', 200) FROM generate_series(1, 100)");
                            Thread.sleep(50);
                        }
                    } catch (Exception e) {
                        if (writing.get()) {
                            throw new IllegalStateException(e);
                        }
                    }
                }, "wal-writer");
                writer.start();
                Thread.sleep(1_000);
                Instant t0 = Instant.now();
                long lsn0 = f.walPosition();
                Pipe p = f.createPipe("fc", "duckdb:" + dir.resolve("fc.duckdb"), "public.orders", 1_000, Duration.ofMillis(100));
                f.startWorker("w1");
                f.waitForStatus("fc", PipeStatus.RUNNING, WAIT);
                f.control.pause("fc", EngineFixture.TEST);
                f.waitForStatus("fc", PipeStatus.PAUSED, WAIT);
                MetricsRepository metrics = new MetricsRepository(f.catalog.dataSource());
                Instant until = t0.plusSeconds(30);
                while (Instant.now().isBefore(until)) {
                    Thread.sleep(200);
                }
                long lsn1 = f.walPosition();
                Instant t1 = Instant.now();
                double measured = (lsn1 - lsn0) / (Duration.between(t0, t1).toMillis() / 1000.0);
                SlotSampleRow s = waitForSample(metrics, p.id(), x -> x.at().isAfter(t1.minusSeconds(1)) && x.forecastSeconds() != null,
                        "a forecast after the measurement");
                assertNotNull(s.walRateBytesPerSecond());
                assertEquals(measured, s.walRateBytesPerSecond(), measured * 0.2,
                        "forecast rate " + s.walRateBytesPerSecond() + " B/s vs measured " + measured + " B/s");
                assertNotNull(s.safeWalSizeBytes(), "the server limits slots, so safe_wal_size is known");
                double expectedSeconds = s.safeWalSizeBytes() / measured;
                assertEquals(expectedSeconds, s.forecastSeconds(), expectedSeconds * 0.2,
                        "time until the slot is lost: forecast " + s.forecastSeconds() + " s vs " + expectedSeconds + " s");
                String text = s.forecast().text();
                assertTrue(text.startsWith("at the current rate (") && text.contains("/min) the slot is lost in about "), text);
            }
        } finally {
            writing.set(false);
            if (writer != null) {
                writer.join(10_000);
            }
            server.close();
        }
    }

    static SlotSampleRow waitForSample(MetricsRepository metrics, long pipeId, Predicate<SlotSampleRow> ok, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        SlotSampleRow last = null;
        while (System.nanoTime() < deadline) {
            last = metrics.latestSlotSamples().get(pipeId);
            if (last != null && ok.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no slot sample showed " + what + " within " + WAIT + "; the last was " + last);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
