package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.testing.RowVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker whose claim session is ended under load (as a catalog failover or a network cut would) stops its pipe,
 * claims it again on a new session, streams on, and the destination still equals the source row by row.
 */
class WorkerLockSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aWorkerThatLosesItsLockSessionStopsItsPipeAndClaimsItAgainWithoutLosingRows(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("locksession")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 200);
            }
            Pipe p = f.createPipe("ls", "duckdb:" + dir.resolve("ls.duckdb"), "public.orders", 1_000, Duration.ofMillis(200));
            Worker w = f.startWorker("w");
            f.waitForStatus("ls", PipeStatus.RUNNING, WAIT);
            long lastLsn;
            try (OrdersWorkload load = new OrdersWorkload(f::source, 1_000_000, 100)) {
                f.waitCaughtUp("ls", f.walPosition(), WAIT);
                long session = lockHolder(f, p.id());
                long walsender = f.sourceLong("SELECT active_pid FROM pg_replication_slots WHERE slot_name = '"
                        + p.slotName() + "'");
                try (Connection c = f.catalog.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(" + session + ", 10000)");
                }
                // claimed again on a new session, by a new runner (a new replication connection)
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (true) {
                    Long now = lockHolderOrNull(f, p.id());
                    long nowWalsender = f.sourceLong("SELECT coalesce(active_pid, 0) FROM pg_replication_slots WHERE "
                            + "slot_name = '" + p.slotName() + "'");
                    if (now != null && now != session && nowWalsender != 0 && nowWalsender != walsender) {
                        break;
                    }
                    assertTrue(System.nanoTime() < deadline, "pipe not claimed again on a new session within " + WAIT
                            + " (lock holder " + now + ", walsender " + nowWalsender + ")");
                    Thread.sleep(50);
                }
                assertTrue(w.ownedPipes().contains(p.id()), "the worker runs the pipe again");
                f.waitCaughtUp("ls", f.walPosition(), WAIT);
                lastLsn = load.stop();
            }
            f.waitCaughtUp("ls", lastLsn, WAIT);
            f.control.pause("ls", EngineFixture.TEST);
            f.waitForStatus("ls", PipeStatus.PAUSED, WAIT);
            Map<Long, String> expected;
            try (Connection c = f.source()) {
                expected = OrdersTable.sourceRows(c, "orders");
            }
            RowVerifier.compare(expected, OrdersTable.duckRows(dir.resolve("ls.duckdb").toString(), "orders"))
                    .assertClean("pipe ls after its lock session ended");
        }
    }

    private static long lockHolder(EngineFixture f, long pipeId) throws SQLException {
        Long pid = lockHolderOrNull(f, pipeId);
        assertTrue(pid != null, "pipe " + pipeId + " is locked");
        return pid;
    }

    private static Long lockHolderOrNull(EngineFixture f, long pipeId) throws SQLException {
        try (Connection c = f.catalog.dataSource().getConnection()) {
            return PipeLocksTest.lockHolderOrNull(c, pipeId);
        }
    }
}
