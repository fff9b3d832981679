package dev.pipedeck.engine;

import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.ConnectionPipeChecks;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Status reasons and errors whose advice, followed literally, must work — and states that must end — on real servers:
 * a publication dropped while paused (re-creating it does not help; resync does), a delete blocked by a publication
 * another user owns (bounded retries, a reason that names the owner, done by itself once that is fixed), an
 * unreachable ClickHouse at create and at setup.
 */
class AdviceThatWorksTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger SEQ = new AtomicInteger();

    @Test
    void droppedPublicationAdvisesResyncAndADeleteBlockedByAnotherOwnerSaysWhoAndBacksOff(@TempDir Path dir) throws Exception {
        String role = "pd_pipe_user_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
        try (EngineFixture f = new EngineFixture("advice_pub")) {
            f.sql("CREATE ROLE " + role + " LOGIN REPLICATION PASSWORD 'pw-" + role + "'",
                    "GRANT CREATE ON DATABASE " + f.sourceDb + " TO " + role,
                    "CREATE TABLE orders (id bigint PRIMARY KEY, note text)",
                    "ALTER TABLE orders OWNER TO " + role,
                    "INSERT INTO orders SELECT g, 'n' || g FROM generate_series(1, 50) g");
            String url = TestPostgres.jdbcUrl(f.sourceDb) + "?user=" + role + "&password=pw-" + role;
            f.control.create(new PipeSpec("pub", url, "duckdb:" + dir.resolve("pub.duckdb"),
                    TableMapping.parseList("public.orders"), 100, Duration.ofMillis(100), 1), EngineFixture.TEST);
            f.startWorker("w1");
            f.waitFor("pub", p -> p.status() == PipeStatus.RUNNING && p.rowsSynced() >= 50, WAIT, "RUNNING with the snapshot");
            f.control.pause("pub", EngineFixture.TEST);
            f.waitForStatus("pub", PipeStatus.PAUSED, WAIT);
            String publication = f.pipe("pub").publicationName();

            // dropped while paused, and a change made meanwhile: the reason must not advise CREATE PUBLICATION, but a resync
            f.sql("DROP PUBLICATION \"" + publication + "\"", "INSERT INTO orders VALUES (51, 'while dropped')");
            f.control.resume("pub", EngineFixture.TEST);
            Pipe failed = f.waitForStatus("pub", PipeStatus.FAILED, WAIT);
            assertFalse(failed.statusReason().contains("CREATE PUBLICATION"), failed.statusReason());
            assertTrue(failed.statusReason().contains("resync the pipe: `pipedeck pipe resync pub` or Resync…"), failed.statusReason());

            // the old advice, followed literally (as a superuser), does not bring the pipe back
            f.sql("CREATE PUBLICATION \"" + publication + "\" FOR TABLE orders", "INSERT INTO orders VALUES (52, 'after')");
            Instant resumed = Instant.now();
            f.control.resume("pub", EngineFixture.TEST);
            Pipe again = f.waitFor("pub", p -> p.status() == PipeStatus.FAILED && p.lastErrorAt() != null
                    && p.lastErrorAt().isAfter(resumed), WAIT, "FAILED again after CREATE PUBLICATION");
            assertTrue(again.statusReason().contains("Creating it again does not bring the pipe back"), again.statusReason());
            assertTrue(again.statusReason().contains("pipedeck pipe resync pub"), again.statusReason());

            // delete: the pipe's user may drop its slot but not the publication postgres now owns
            f.control.delete("pub", EngineFixture.TEST, true);
            Pipe blocked = f.waitFor("pub", p -> p.status() == PipeStatus.FAILED && p.statusReason().startsWith("delete blocked:"),
                    WAIT, "FAILED with the delete's blocker");
            String reason = blocked.statusReason();
            assertTrue(reason.contains("belongs to user \"postgres\""), reason);
            assertTrue(reason.contains("the pipe connects as \"" + role + "\""), reason);
            assertTrue(reason.contains("Drop it as postgres or a superuser: DROP PUBLICATION \"" + publication + "\";"), reason);
            assertFalse(reason.contains("Exception"), reason);
            // back-off: a handful of attempts in 8 s, not thousands (the fixture caps the back-off at 2 s)
            int eventsBefore = f.control.repository().audit("pub", 10_000).size();
            Thread.sleep(8_000);
            List<AuditEvent> events = f.control.repository().audit("pub", 10_000);
            assertTrue(events.size() - eventsBefore <= 12, (events.size() - eventsBefore) + " audit events in 8 s");
            Matcher attempt = Pattern.compile("attempt (\\d+)").matcher(f.pipe("pub").statusReason());
            assertTrue(attempt.find(), f.pipe("pub").statusReason());
            assertTrue(Integer.parseInt(attempt.group(1)) <= 10, f.pipe("pub").statusReason());
            assertEquals(PipeStatus.FAILED, f.pipe("pub").status(), "stays FAILED with its reason between attempts");

            // doing what the reason says finishes the delete by itself
            f.sql("DROP PUBLICATION \"" + publication + "\"");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (f.control.repository().find("pub").isPresent()) {
                assertTrue(System.nanoTime() < deadline, "the delete did not finish after the publication was dropped: "
                        + f.pipe("pub").statusReason());
                Thread.sleep(100);
            }
            assertEquals(0, f.sourceLong("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()"));
        } finally {
            try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("DROP OWNED BY " + role + " CASCADE");
                st.execute("DROP ROLE IF EXISTS " + role);
            } catch (java.sql.SQLException ignored) {
                // the role owns objects in the test database only; it goes with the test server
            }
        }
    }

    @Test
    void unreachableClickHouseSaysWhatToCheckAtCreateAndSetupEndsFailed() throws Exception {
        int port = freePort();
        String destination = "clickhouse://default:chPw-secret@127.0.0.1:" + port + "/default";
        try (EngineFixture f = new EngineFixture("advice_ch")) {
            f.sql("CREATE TABLE orders (id bigint PRIMARY KEY)");
            List<String> problems = new ConnectionPipeChecks(new DefaultConnectionChecks()).problems(new PipeSpec("ch",
                    f.sourceUrl(), destination, TableMapping.parseList("public.orders"), 100, Duration.ofSeconds(1), 1));
            assertEquals(1, problems.size(), problems.toString());
            String p = problems.get(0);
            assertTrue(p.startsWith("destination: Cannot reach ClickHouse at "), p);
            assertTrue(p.contains(":" + port), p);
            assertTrue(p.contains("Check that clickhouse-server is running there"), p);
            assertFalse(p.contains("will retry"), p);
            assertFalse(p.contains("chPw-secret"), p);

            // stored anyway (no checks here), the pipe's SETUP retries with back-off, then ends FAILED with the cause
            f.createPipe("ch", destination, "public.orders", 100, Duration.ofSeconds(1));
            f.startWorker("w1");
            f.waitFor("ch", x -> x.statusReason() != null && x.statusReason().startsWith("retrying: Cannot reach ClickHouse"),
                    WAIT, "SETUP retrying");
            Pipe failed = f.waitForStatus("ch", PipeStatus.FAILED, Duration.ofSeconds(90));
            String reason = failed.statusReason();
            assertTrue(reason.startsWith("gave up SETUP after " + PipeRunner.TRANSITION_ATTEMPTS + " attempts: Cannot reach ClickHouse"), reason);
            assertTrue(reason.endsWith("resume the pipe: `pipedeck pipe resume ch` or Resume on its Settings tab."), reason);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
