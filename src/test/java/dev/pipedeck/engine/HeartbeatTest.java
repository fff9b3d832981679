package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** An idle pipe in a busy cluster: heartbeats let its slot be confirmed past other databases' WAL. */
class HeartbeatTest {
    @Test
    void idlePipeDoesNotPinWalWrittenByOtherDatabases(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("heartbeat")) {
            f.sql(OrdersTable.DDL);
            Pipe p = f.createPipe("idle", "duckdb:" + dir.resolve("idle.duckdb"), "public.orders", 1_000, Duration.ofMillis(100));
            f.startWorker("w1");
            f.waitForStatus("idle", PipeStatus.RUNNING, Duration.ofSeconds(60));
            String noise = TestPostgres.newDatabase("heartbeat_noise");
            try (Connection c = TestPostgres.connect(noise); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t AS SELECT g AS id, repeat('x', 200) AS v FROM generate_series(1, 50000) g");
            }
            long written = f.walPosition();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long confirmed = 0;
            while (System.nanoTime() < deadline) {
                try (Connection c = f.source(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT confirmed_flush_lsn - '0/0'::pg_lsn FROM pg_replication_slots "
                             + "WHERE slot_name = '" + p.slotName() + "'")) {
                    rs.next();
                    confirmed = rs.getLong(1);
                }
                if (Long.compareUnsigned(confirmed, written) >= 0) {
                    break;
                }
                Thread.sleep(200);
            }
            assertTrue(Long.compareUnsigned(confirmed, written) >= 0,
                    "the idle slot was confirmed past the other database's WAL (confirmed " + confirmed + ", written " + written + ")");
        }
    }
}
