package dev.pipedeck.engine;

import dev.pipedeck.bench.LocalClickHouseCluster;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.testing.ClickHouseTestCluster;
import dev.pipedeck.testing.RowVerifier;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pipe into a real two-shard ClickHouse cluster under insert/update/delete load: it pauses, resumes, survives one
 * shard being stopped for 20 s (retrying, never skipping it), and the Distributed table then equals the source row by
 * row.
 */
class ClusterPipeTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void pipeIntoTwoShardsSurvivesPauseResumeAndAShardOutage() throws Exception {
        LocalClickHouseCluster cluster = ClickHouseTestCluster.get();
        String db = cluster.createDatabase("cluster_pipe_" + System.nanoTime());
        try (EngineFixture f = new EngineFixture("clusterpipe")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 3_000);
            }
            f.createPipe("to-cluster", cluster.url(db), "public.orders", 1_000, Duration.ofMillis(200));
            f.startWorker("w1");
            long lastLsn;
            try (OrdersWorkload load = new OrdersWorkload(f::source, 1_000_000, 300)) {
                f.waitForStatus("to-cluster", PipeStatus.RUNNING, WAIT);
                f.control.pause("to-cluster", EngineFixture.TEST);
                f.waitForStatus("to-cluster", PipeStatus.PAUSED, WAIT);
                Thread.sleep(1_000); // the load keeps writing while paused
                f.control.resume("to-cluster", EngineFixture.TEST);
                f.waitForStatus("to-cluster", PipeStatus.RUNNING, WAIT);

                cluster.shard(1).stop();
                try {
                    f.waitFor("to-cluster", p -> p.statusReason() != null && p.statusReason().startsWith("retrying: "),
                            WAIT, "a retrying reason while shard 2 is down");
                    Thread.sleep(20_000);
                    String reason = f.pipe("to-cluster").statusReason();
                    assertTrue(reason.matches("retrying: .*\\(attempt \\d+\\)"), reason);
                } finally {
                    cluster.shard(1).start();
                }
                f.waitFor("to-cluster", p -> p.status() == PipeStatus.RUNNING && !p.statusReason().startsWith("retrying"),
                        WAIT, "RUNNING again after the shard came back");
                lastLsn = load.stop();
            }
            f.waitCaughtUp("to-cluster", lastLsn, WAIT);
            Map<Long, String> expected;
            try (Connection c = f.source()) {
                expected = OrdersTable.sourceRows(c, "orders");
            }
            // FINAL on a Distributed table of 18.16 wants the version column selected too; the reader ignores it
            Map<Long, String> actual = OrdersTable.clickHouseRows(
                    sql -> cluster.query(sql.contains(" FINAL ") ? sql.replace(" FROM ", ", _peerdb_version FROM ") : sql),
                    db, "orders");
            RowVerifier.compare(expected, actual).assertClean("Distributed table after pause, resume and a shard outage");
            long onFirst = Long.parseLong(cluster.shard(0).query("SELECT uniqExact(id) FROM " + db + ".orders_local").strip());
            long onSecond = Long.parseLong(cluster.shard(1).query("SELECT uniqExact(id) FROM " + db + ".orders_local").strip());
            assertTrue(onFirst > 0 && onSecond > 0, "both shards hold rows: " + onFirst + " / " + onSecond);
            assertEquals("0", cluster.shard(0).query("SELECT count() FROM " + db + ".orders_local WHERE id IN (SELECT id FROM "
                    + "remote('127.0.0.1:" + cluster.shard(1).tcpPort() + "', " + db + ".orders_local))").strip(),
                    "no key on both shards");
        }
    }
}
