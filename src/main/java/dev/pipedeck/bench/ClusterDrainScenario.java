package dev.pipedeck.bench;

import dev.pipedeck.catalog.PipeStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 7. Backlog drain into a 2-shard cluster against one server: scenario 1's backlog (N inserts in 1,000-row
 * transactions while paused), written once into one source table that two paused pipes replicate — one into the
 * bench's ClickHouse server, one into a local two-shard cluster ({@link LocalClickHouseCluster}: two more
 * clickhouse-server processes and a ZooKeeper process, {@code ?cluster=} destination, inserts through the Distributed
 * table). Each pipe is resumed in turn (one server first, then the cluster) and timed until consistent as of the last
 * backlog commit, with the CPU split per process; each destination must then hold exactly the source's rows. A
 * smaller warm-up backlog drained by both first keeps the JVM's warm-up out of the first pipe's figure.
 */
final class ClusterDrainScenario implements Scenario {
    static final int SHARDS = 2;

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String title() {
        return "backlog drain, 2-shard cluster vs one server";
    }

    @Override
    public Report run(BenchEnvironment env, BenchSettings settings) throws Exception {
        if (env.clickHouse() == null) {
            throw new IllegalStateException("scenario 7 compares ClickHouse destinations: install clickhouse-server "
                    + "and run it with --destination clickhouse");
        }
        List<String> command = LocalClickHouse.find().orElseThrow();
        Path zookeeperJar = LocalZooKeeper.find().orElseThrow(() -> new IllegalStateException("scenario 7 needs "
                + "ZooKeeper for its local cluster: install Debian's zookeeper package or set ZOOKEEPER_JAR"));
        try (LocalClickHouseCluster cluster = LocalClickHouseCluster.start(command, zookeeperJar, SHARDS)) {
            return run(env, settings, cluster);
        }
    }

    private Report run(BenchEnvironment env, BenchSettings settings, LocalClickHouseCluster cluster) throws Exception {
        String single = "bench-single";
        String clustered = "bench-cluster";
        String db = env.newSourceDatabase("bench_cluster");
        env.sql(db, OrdersSql.ddl("orders"));
        String clusterDb = cluster.createDatabase("bench_cluster");
        env.createPipe(single, db, env.newDestination("bench_cluster"), "public.orders");
        env.createPipe(clustered, db, cluster.url(clusterDb), "public.orders");
        env.startWorker("bench-7");
        for (String name : List.of(single, clustered)) {
            env.waitForStatus(name, PipeStatus.RUNNING, Duration.ofMinutes(5));
            env.control().pause(name, BenchEnvironment.BENCH);
        }
        for (String name : List.of(single, clustered)) {
            env.waitForStatus(name, PipeStatus.PAUSED, Duration.ofMinutes(2));
        }

        // a warm-up backlog (a tenth, not measured) drained by both pipes first: the pipe drained first would
        // otherwise also pay for the JVM's just-in-time compilation of the stream and the encoder
        long warmRows = Math.max(1_000, settings.rows() / 10);
        BacklogDrainScenario.Backlog warmUp = BacklogDrainScenario.writeBacklog(env, db, 1, warmRows);
        for (String name : List.of(single, clustered)) {
            env.startWorker("bench-7-warm-" + name);
            BacklogDrainScenario.drain(env, name, warmUp.endLsn(), 7);
        }
        BacklogDrainScenario.Backlog backlog = BacklogDrainScenario.writeBacklog(env, db, warmUp.rowsAfter() + 1,
                settings.rows());
        long sourceRows = env.sourceLong(db, "SELECT count(*) FROM orders");
        // the cluster's processes by name, so that they are neither "clickhouse" children nor (ZooKeeper) "JVM"
        Map<String, Long> processes = new LinkedHashMap<>();
        for (int i = 0; i < cluster.shardCount(); i++) {
            processes.put("clickhouse-server shard " + (i + 1), cluster.shard(i).pid());
        }
        processes.put("zookeeper", cluster.zookeeper().pid());

        env.startWorker("bench-7a");
        BacklogDrainScenario.Drain toSingle = BacklogDrainScenario.drain(env, single, backlog.endLsn(), 7,
                new CpuMeter(env, processes), "while draining into one server");
        long singleRows = DestinationRows.count(env, env.pipe(single).destinationUrl(), "orders");
        requireSourceRows("the single server", singleRows, sourceRows);

        env.startWorker("bench-7b");
        BacklogDrainScenario.Drain toCluster = BacklogDrainScenario.drain(env, clustered, backlog.endLsn(), 7,
                new CpuMeter(env, processes), "while draining into the cluster");
        // 18.16 wants the version column selected when it reads a Distributed table FINAL
        long clusterRows = Long.parseLong(cluster.query("SELECT count() FROM (SELECT id, _peerdb_version FROM `"
                + clusterDb + "`.orders FINAL WHERE _peerdb_is_deleted = 0)").strip());
        requireSourceRows("the cluster", clusterRows, sourceRows);
        List<String> perShard = new ArrayList<>();
        for (int i = 0; i < cluster.shardCount(); i++) {
            perShard.add(String.format("%,d", Long.parseLong(cluster.shard(i)
                    .query("SELECT count() FROM `" + clusterDb + "`.orders_local").strip())));
        }

        long rows = backlog.rows();
        double singleRate = rows / toSingle.seconds();
        double clusterRate = rows / toCluster.seconds();
        List<BenchResult> results = new ArrayList<>();
        results.add(BenchResult.info(7, "drain into one server (resume -> consistent)", singleRate, "rows/s"));
        results.add(BenchResult.info(7, "drain into the 2-shard cluster (resume -> consistent)", clusterRate, "rows/s"));
        results.add(BenchResult.info(7, "cluster / one server", clusterRate / singleRate, ""));
        results.addAll(toSingle.cpuResults());
        results.addAll(toCluster.cpuResults());
        List<String> notes = new ArrayList<>();
        notes.add(String.format("7: after a warm-up backlog of %,d rows drained by both pipes, %,d rows in %,d "
                        + "transactions written in %.1f s while both pipes were paused; one server drained them in %.1f s, "
                        + "the %d-shard cluster in %.1f s (rows per shard: %s); both hold the source's %,d rows",
                warmRows, rows, backlog.transactions(), backlog.writeNanos() / 1e9, toSingle.seconds(),
                cluster.shardCount(), toCluster.seconds(), String.join(" / ", perShard), sourceRows));
        notes.add("7: CPU while draining into one server: " + toSingle.components() + "; by thread/process: "
                + toSingle.split());
        notes.add("7: CPU while draining into the cluster: " + toCluster.components() + "; by thread/process: "
                + toCluster.split());
        notes.add("7: pipe thread into the cluster, sampled every 10 ms: " + toCluster.profile());
        return new Report(results, notes);
    }

    private static void requireSourceRows(String destination, long landed, long sourceRows) {
        if (landed != sourceRows) {
            throw new IllegalStateException(destination + " holds " + landed + " rows after the drain, the source "
                    + sourceRows + ": the scenario's figures would not be about the same rows");
        }
    }
}
