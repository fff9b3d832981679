package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.PipeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import dev.pipedeck.testing.RowVerifier;
import dev.pipedeck.testing.TestPostgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DBA at the source: drops a running pipe's slot (after ending its walsender), or changes the password of a pipe's
 * user. Each pipe fails with a reason that says what happened and what to do — a refused login is not a "missing
 * table" — and, the password put back, a resume catches up with nothing lost.
 */
class SourceTamperedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aDroppedSlotOrAChangedPasswordFailsThePipeSayingWhyAndResumeAfterTheFixLosesNothing(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("srctamper")) {
            String role = "pwchg_" + f.sourceDb;
            f.sql(OrdersTable.DDL, "CREATE ROLE " + role + " SUPERUSER LOGIN REPLICATION PASSWORD 'first-pw'");
            Path hba;
            try (Connection c = f.source(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = Path.of(rs.getString(1));
            }
            // the embedded server trusts local connections: ask this test's role (only) for its password
            synchronized (TestPostgres.class) {
                String old = Files.readString(hba);
                Files.writeString(hba, "host all " + role + " 127.0.0.1/32 scram-sha-256\nhost replication " + role
                        + " 127.0.0.1/32 scram-sha-256\n" + old);
            }
            f.sql("SELECT pg_reload_conf()");
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 100);
            }
            String pwFile = dir.resolve("pw.duckdb").toString();
            f.createPipe("slot", "duckdb:" + dir.resolve("slot.duckdb"), "public.orders", 1_000, Duration.ofMillis(200));
            f.control.create(new PipeSpec("pw", f.sourceUrl().replace("user=postgres", "user=" + role + "&password=first-pw"),
                    "duckdb:" + pwFile, TableMapping.parseList("public.orders"), 1_000, Duration.ofMillis(200), 1), EngineFixture.TEST);
            f.startWorker("w1");
            Pipe slot = f.waitForStatus("slot", PipeStatus.RUNNING, WAIT);
            f.waitForStatus("pw", PipeStatus.RUNNING, WAIT);

            f.sql("ALTER ROLE " + role + " PASSWORD 'second-pw'",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
            // as a DBA would: end the walsender, then drop the slot (it cannot be dropped while active)
            f.sql("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '" + slot.slotName() + "' AND active");
            f.waitFor("slot", p -> {
                try {
                    f.sql("SELECT pg_drop_replication_slot('" + slot.slotName() + "')");
                    return true;
                } catch (SQLException stillActive) {
                    return false; // the pipe reconnected in between: end it again
                }
            }, WAIT, "its slot dropped");
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 1_000, 10);
            }

            Pipe slotGone = f.waitForStatus("slot", PipeStatus.FAILED, WAIT);
            assertTrue(slotGone.statusReason().contains(slot.slotName()) && slotGone.statusReason().contains("changes since then are lost")
                    && slotGone.statusReason().contains("pipedeck pipe resync slot"), slotGone.statusReason());
            Pipe pw = f.waitForStatus("pw", PipeStatus.FAILED, WAIT);
            assertTrue(pw.statusReason().startsWith("Postgres rejected the login of user \"" + role + "\"")
                    && pw.statusReason().contains("wrong user name or password"), pw.statusReason());
            assertFalse(pw.statusReason().contains("remove-tables") || pw.statusReason().contains("second-pw")
                    || pw.statusReason().contains("first-pw"), pw.statusReason());

            // the password put back, a resume carries on from the last confirmed position with nothing lost
            f.sql("ALTER ROLE " + role + " PASSWORD 'first-pw'");
            f.control.resume("pw", EngineFixture.TEST);
            f.waitForStatus("pw", PipeStatus.RUNNING, WAIT);
            long last = f.walPosition();
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 2_000, 1); // a commit after that position, so the pipe's catching up shows
            }
            f.waitCaughtUp("pw", last, WAIT);
            Map<Long, String> expected;
            try (Connection c = f.source()) {
                expected = OrdersTable.sourceRows(c, "orders");
            }
            assertEquals(111, expected.size());
            f.control.pause("pw", EngineFixture.TEST);
            f.waitForStatus("pw", PipeStatus.PAUSED, WAIT); // DuckDB is read only while no pipe writes to it
            RowVerifier.compare(expected, OrdersTable.duckRows(pwFile, "orders")).assertClean("after the password was put back");
        }
    }
}
