package dev.pipedeck.engine;

import dev.pipedeck.testing.RowVerifier;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ClickHouse stopped for 30 s under load: the pipe says it is retrying, can be paused while the server is down, and
 * after the restart and a resume catches up with nothing lost.
 */
class DestinationOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void clickHouseDownForThirtySecondsRetriesThenCatchesUp() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("outage_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("outage")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 2_000);
            }
            f.createPipe("outage", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD), "public.orders", 1_000,
                    Duration.ofMillis(200));
            f.startWorker("w1");
            long lastLsn;
            try (OrdersWorkload load = new OrdersWorkload(f::source, 1_000_000, 300)) {
                f.waitForStatus("outage", PipeStatus.RUNNING, WAIT);
                ch.stop();
                try {
                    f.waitFor("outage", p -> p.statusReason() != null && p.statusReason().startsWith("retrying: "), WAIT,
                            "a retrying reason");
                    Thread.sleep(30_000);
                    String reason = f.pipe("outage").statusReason();
                    assertTrue(reason.matches("retrying: .*\\(attempt \\d+\\)"), reason);
                    assertTrue(f.pipe("outage").lastError() != null);
                    // pausing while the destination is unreachable: the unconfirmed batch is dropped, the pipe pauses
                    long asked = System.nanoTime();
                    f.control.pause("outage", EngineFixture.TEST);
                    f.waitForStatus("outage", PipeStatus.PAUSED, Duration.ofSeconds(10));
                    assertTrue(System.nanoTime() - asked < 10_000_000_000L);
                } finally {
                    ch.start();
                }
                f.control.resume("outage", EngineFixture.TEST);
                f.waitFor("outage", p -> p.status() == PipeStatus.RUNNING && !p.statusReason().startsWith("retrying"), WAIT,
                        "RUNNING again");
                lastLsn = load.stop();
            }
            f.waitCaughtUp("outage", lastLsn, WAIT);
            Map<Long, String> expected;
            try (Connection c = f.source()) {
                expected = OrdersTable.sourceRows(c, "orders");
            }
            RowVerifier.compare(expected, OrdersTable.clickHouseRows(ch::query, db, "orders")).assertClean("after the outage");
        }
    }
}
