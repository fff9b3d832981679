package dev.pipedeck.engine;

import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.GuardedPause;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guarded pauses, enforced by the worker alone (no console): at their time, and at their WAL-budget margin. */
class GuardedPauseTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void pauseForAShortTimeResumesByItselfAndTheAuditSaysWhy(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("guardtime")) {
            f.sql(OrdersTable.DDL);
            f.createPipe("gt", "duckdb:" + dir.resolve("gt.duckdb"), "public.orders", 1_000, Duration.ofMillis(100));
            f.startWorker("w1");
            f.waitForStatus("gt", PipeStatus.RUNNING, WAIT);
            GuardedPause guarded = new GuardedPause(f.catalog, f.control);
            ControlResult r = guarded.pause("gt", EngineFixture.TEST, Duration.ofSeconds(4), null);
            assertFalse(r.refused(), r.message());
            assertTrue(r.message().contains("resumes automatically at "), r.message());
            Instant pausedAt = Instant.now();
            f.waitForStatus("gt", PipeStatus.PAUSED, WAIT);
            Pipe resumed = f.waitFor("gt", p -> p.desiredState() == DesiredState.RUNNING && p.status() == PipeStatus.RUNNING,
                    WAIT, "resumed by its guard");
            assertTrue(Duration.between(pausedAt, Instant.now()).toMillis() >= 3_500, "not before its time");
            AuditEvent e = resumeEvent(f, resumed.name());
            assertTrue(e.message().startsWith("resumed automatically: the pause's time is up"), e.message());
            assertEquals("ENGINE", e.actor().kind().name());
            assertTrue(guarded.guard(resumed.id()).isEmpty(), "the guard is gone once it fired");

            // a manual resume clears a guard: pause with a long guard, resume by hand, pause again without one
            guarded.pause("gt", EngineFixture.TEST, Duration.ofHours(2), Duration.ofMinutes(30));
            f.waitForStatus("gt", PipeStatus.PAUSED, WAIT);
            assertTrue(guarded.guard(resumed.id()).isPresent());
            guarded.resume("gt", EngineFixture.TEST);
            assertTrue(guarded.guard(resumed.id()).isEmpty(), "a manual resume clears the guard");
        }
    }

    @Test
    void pauseResumesByItselfWhenTheWalBudgetFallsUnderItsMargin(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pg"), port);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = null;
        try {
            server.ensureDatabase("shop");
            try (Connection c = server.connect("shop"); Statement st = c.createStatement()) {
                st.execute("ALTER SYSTEM SET max_slot_wal_keep_size = '128MB'");
                st.execute("SELECT pg_reload_conf()");
                st.execute(OrdersTable.DDL);
                st.execute("CREATE TABLE noise (id bigserial PRIMARY KEY, v text)");
            }
            try (EngineFixture f = new EngineFixture(server, "shop", "guardwal")) {
                writer = new Thread(() -> {
                    try (Connection c = server.connect("shop"); Statement st = c.createStatement()) {
                        while (writing.get()) {
                            st.execute("INSERT INTO noise (v) SELECT repeat('x', 500) FROM generate_series(1, 200)");
                            Thread.sleep(20);
                        }
                    } catch (Exception e) {
                        if (writing.get()) {
                            throw new IllegalStateException(e);
                        }
                    }
                }, "wal-writer");
                writer.start();
                f.createPipe("gw", "duckdb:" + dir.resolve("gw.duckdb"), "public.orders", 1_000, Duration.ofMillis(100));
                f.startWorker("w1");
                f.waitForStatus("gw", PipeStatus.RUNNING, WAIT);
                GuardedPause guarded = new GuardedPause(f.catalog, f.control);
                // a margin far above what 128 MB lasts at this rate: it fires once the forecast is known
                ControlResult r = guarded.pause("gw", EngineFixture.TEST, null, Duration.ofMinutes(30));
                assertTrue(r.message().contains("when less than 30 min of WAL budget is left"), r.message());
                f.waitForStatus("gw", PipeStatus.PAUSED, WAIT);
                Pipe resumed;
                try {
                    resumed = f.waitFor("gw", p -> p.desiredState() == DesiredState.RUNNING, WAIT, "resumed by its margin");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; latest slot sample: " + new MetricsRepository(
                            f.catalog.dataSource()).latestSlotSamples().get(f.pipe("gw").id()), e);
                }
                AuditEvent e = resumeEvent(f, resumed.name());
                assertTrue(e.message().matches("resumed automatically: .* of WAL budget left \\(guard set by .* to resume below 30 min\\)"),
                        e.message());
                f.waitForStatus("gw", PipeStatus.RUNNING, WAIT);
            }
        } finally {
            writing.set(false);
            if (writer != null) {
                writer.join(10_000);
            }
            server.close();
        }
    }

    private static AuditEvent resumeEvent(EngineFixture f, String pipe) {
        List<AuditEvent> events = f.control.repository().audit(pipe, 50);
        return events.stream().filter(a -> "resume".equals(a.action())).findFirst()
                .orElseThrow(() -> new AssertionError("no resume in the audit trail: " + events));
    }
}
