package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.bench.LocalClickHouse;
import dev.pipedeck.bench.LocalClickHouseCluster;
import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.AllTypes;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination.TableTarget;
import dev.pipedeck.sink.DestinationUrl;
import dev.pipedeck.testing.ClickHouseTestCluster;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** The cluster layout on a real two-shard cluster: validation sentences, the tables, rows spread and deduplicated. */
class ClusterLayoutTest {
    @Test
    void validationSaysWhatToFix() {
        LocalClickHouseCluster cluster = ClickHouseTestCluster.get();
        String base = "clickhouse://default@127.0.0.1:" + cluster.shard(0).httpPort();
        PipeDeckException noCluster = assertThrows(PipeDeckException.class,
                () -> check(base + "/default?cluster=nope"));
        assertTrue(noCluster.getMessage().contains("has no cluster nope in system.clusters")
                && noCluster.getMessage().contains(LocalClickHouseCluster.NAME), noCluster.getMessage());
        cluster.shard(0).query("CREATE DATABASE IF NOT EXISTS only_here");
        PipeDeckException noDb = assertThrows(PipeDeckException.class,
                () -> check(base + "/only_here?cluster=" + LocalClickHouseCluster.NAME));
        assertTrue(noDb.getMessage().contains("exists on 1 of the 2 shards")
                && noDb.getMessage().contains("ON CLUSTER " + LocalClickHouseCluster.NAME), noDb.getMessage());
        String db = cluster.createDatabase("layout_" + System.nanoTime());
        assertEquals("cluster " + LocalClickHouseCluster.NAME, check(cluster.url(db)).replaceAll(".*, ", ""));
    }

    @Test
    void missingMacrosAndZooKeeperAreNamed() throws Exception {
        ClickHouseTestCluster.get(); // skips (or fails on CI) without clickhouse-server and ZooKeeper
        List<String> cmd = LocalClickHouse.find().orElseThrow();
        int http = LocalClickHouse.freePort();
        int tcp = LocalClickHouse.freePort();
        String solo = "<remote_servers><solo><shard><replica><host>127.0.0.1</host><port>" + tcp
                + "</port></replica></shard></solo></remote_servers>";
        String url = "clickhouse://default@127.0.0.1:" + http + "/default?cluster=solo";
        try (LocalClickHouse noMacros = LocalClickHouse.start(cmd, List.of(), dir -> solo, http, tcp)) {
            PipeDeckException e = assertThrows(PipeDeckException.class, () -> check(url));
            assertTrue(e.getMessage().contains("does not define the {shard} macro"), e.getMessage());
        }
        int http2 = LocalClickHouse.freePort();
        int tcp2 = LocalClickHouse.freePort();
        String soloWithMacros = solo.replace(Integer.toString(tcp), Integer.toString(tcp2))
                + "<macros><shard>01</shard><replica>r1</replica></macros>";
        String url2 = "clickhouse://default@127.0.0.1:" + http2 + "/default?cluster=solo";
        try (LocalClickHouse noZooKeeper = LocalClickHouse.start(cmd, List.of(), dir -> soloWithMacros, http2, tcp2)) {
            PipeDeckException e = assertThrows(PipeDeckException.class, () -> check(url2));
            assertTrue(e.getMessage().contains("cannot reach ZooKeeper")
                    && e.getMessage().contains("configure <zookeeper>"), e.getMessage());
        }
    }

    @Test
    void tablesAreShardedByKeyAndDeduplicatedWithFinal() {
        LocalClickHouseCluster cluster = ClickHouseTestCluster.get();
        String db = cluster.createDatabase("layout_" + System.nanoTime());
        TableSchema schema = new TableSchema(new TableRef("public", "items"), List.of(
                AllTypes.col("id", TypeFamily.INT8, "bigint", false, 1),
                AllTypes.col("ref", TypeFamily.UUID, "uuid", false, 2),
                AllTypes.col("label", TypeFamily.TEXT, "text", true, 0)));
        try (ClickHouseDestination d = new ClickHouseDestination(DestinationUrl.parse(cluster.url(db)))) {
            d.prepare(List.of(new TableTarget(schema, "items")));
            d.prepare(List.of(new TableTarget(schema, "items"))); // an existing cluster layout is reused
            List<RowChange> rows = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                rows.add(AllTypes.change(ChangeKind.INSERT, schema, new Object[] {(long) i, uuid(i), "v1"}, 100 + i));
            }
            for (int i = 0; i < 200; i += 2) {
                rows.add(AllTypes.change(ChangeKind.UPDATE, schema, new Object[] {(long) i, uuid(i), "v2"}, 1000 + i));
            }
            d.apply(rows);
        }
        String engines = cluster.query("SELECT name, engine FROM system.tables WHERE database = '" + db
                + "' ORDER BY name FORMAT TabSeparated");
        assertEquals("items\tDistributed\nitems_local\tReplicatedReplacingMergeTree\n", engines);
        long first = Long.parseLong(cluster.shard(0).query("SELECT count() FROM " + db + ".items_local").strip());
        long second = Long.parseLong(cluster.shard(1).query("SELECT count() FROM " + db + ".items_local").strip());
        assertEquals(300, first + second);
        assertTrue(first > 50 && second > 50, "rows spread over both shards: " + first + " / " + second);
        String view = cluster.query("SELECT countIf(label = 'v2'), count() FROM (SELECT label, _peerdb_version FROM "
                + db + ".items FINAL WHERE _peerdb_is_deleted = 0)").strip();
        assertEquals("100\t200", view);
        // every version of a key sits on one shard
        String keysOnBoth = cluster.query("SELECT count() FROM (SELECT id FROM " + db + ".items_local) WHERE id IN "
                + "(SELECT id FROM remote('127.0.0.1:" + cluster.shard(1).tcpPort() + "', " + db + ".items_local))").strip();
        assertEquals("0", keysOnBoth);
    }

    private static UUID uuid(int i) {
        return UUID.fromString("00000000-0000-0000-0000-%012d".formatted(i));
    }

    private static String check(String url) {
        try (ClickHouseDestination d = new ClickHouseDestination(DestinationUrl.parse(url))) {
            return d.check();
        }
    }
}
