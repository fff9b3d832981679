package dev.pipedeck.testing;

import dev.pipedeck.bench.LocalClickHouse;
import dev.pipedeck.bench.LocalClickHouseCluster;
import dev.pipedeck.bench.LocalZooKeeper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.util.List;

/**
 * A real two-shard ClickHouse cluster for the tests ({@link LocalClickHouseCluster}: two clickhouse-server processes
 * and a ZooKeeper process), shared by every test in the JVM and stopped by a shutdown hook. Without clickhouse-server
 * or ZooKeeper installed the calling test is skipped with the reason, except under {@code CI=true}: then it fails.
 */
public final class ClickHouseTestCluster {
    private static LocalClickHouseCluster instance;

    private ClickHouseTestCluster() {}

    /**
     * Skips the calling test when clickhouse-server or ZooKeeper is not installed, with the reason (for tests that
     * start a cluster of their own, e.g. through {@code pipedeck bench}); under {@code CI=true} fails it instead.
     */
    public static void requireInstalled() {
        List<String> cmd = LocalClickHouse.find().orElse(null);
        Path zk = LocalZooKeeper.find().orElse(null);
        if (cmd == null || zk == null) {
            String why = cmd == null ? "clickhouse-server not installed (looked for $CLICKHOUSE_SERVER, "
                    + "/usr/bin/clickhouse, /usr/sbin/clickhouse-server, /usr/bin/clickhouse-server)"
                    : "ZooKeeper not installed (looked for $ZOOKEEPER_JAR and /usr/share/java/zookeeper.jar: "
                    + "apt-get install zookeeper)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + " (CI=true, so this is a failure, not a skip)");
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.assumeTrue(false, why);
        }
    }

    /** The shared, running cluster, every shard up. */
    public static synchronized LocalClickHouseCluster get() {
        if (instance == null) {
            requireInstalled();
            instance = LocalClickHouseCluster.start(LocalClickHouse.find().orElseThrow(),
                    LocalZooKeeper.find().orElseThrow(), 2);
            LocalClickHouseCluster started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "clickhouse-test-cluster-stop"));
        }
        for (int i = 0; i < instance.shardCount(); i++) {
            instance.shard(i).start(); // a previous test may have left one stopped
        }
        return instance;
    }
}
