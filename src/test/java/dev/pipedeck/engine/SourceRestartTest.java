package dev.pipedeck.engine;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.demo.EmbeddedPostgresServer;
import dev.pipedeck.testing.RowVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The source Postgres stopped under load and started again on the same data directory and port: the pipe retries
 * while it is down, streams again from its slot's confirmed position once it is back, and loses and doubles nothing.
 */
class SourceRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void sourceRestartedUnderLoadRetriesThenCatchesUpWithNothingLost(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("source-pg");
        int port = freePort(); // fixed: the pipe keeps the source URL, so the server must come back on the same port
        EmbeddedPostgresServer source = EmbeddedPostgresServer.start(data, port);
        String file = dir.resolve("restart.duckdb").toString();
        try {
            source.ensureDatabase("shop");
            // the fixture only builds URLs and connections from the port, so it keeps working across the restart
            try (EngineFixture f = new EngineFixture(source, "shop", "srcrestart")) {
                f.sql(OrdersTable.DDL);
                try (Connection c = f.source()) {
                    OrdersTable.insert(c, 0, 5_000);
                }
                f.createPipe("restart", "duckdb:" + file, "public.orders", 1_000, Duration.ofMillis(100));
                f.startWorker("w1");
                try (OrdersWorkload before = new OrdersWorkload(f::source, 1_000_000, 500)) {
                    f.waitFor("restart", p -> p.status() == PipeStatus.RUNNING && p.rowsSynced() > 5_500, WAIT,
                            "RUNNING with streamed rows");
                    source.close(); // the load's connection breaks with it: that load is over, its failure expected
                }
                f.waitFor("restart", p -> p.statusReason() != null && p.statusReason().startsWith("retrying: "), WAIT,
                        "a retrying reason while the source is down");
                Thread.sleep(2_000);
                source = EmbeddedPostgresServer.start(data, port);
                assertEquals(port, source.port());
                long lastLsn;
                try (OrdersWorkload after = new OrdersWorkload(f::source, 2_000_000, 500)) {
                    f.waitFor("restart", p -> p.status() == PipeStatus.RUNNING && !p.statusReason().startsWith("retrying"),
                            WAIT, "RUNNING again");
                    Thread.sleep(2_000);
                    lastLsn = after.stop();
                }
                f.waitCaughtUp("restart", lastLsn, WAIT);
                f.control.pause("restart", EngineFixture.TEST);
                f.waitForStatus("restart", PipeStatus.PAUSED, WAIT);
                Map<Long, String> expected;
                try (Connection c = f.source()) {
                    expected = OrdersTable.sourceRows(c, "orders");
                }
                RowVerifier.compare(expected, OrdersTable.duckRows(file, "orders"))
                        .assertClean("after the source restart");
            }
        } finally {
            source.close();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
