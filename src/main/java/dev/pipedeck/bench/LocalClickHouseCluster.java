package dev.pipedeck.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ClickHouse cluster on this machine: {@code shards} clickhouse-server processes (one replica each) on free
 * loopback ports, all in the cluster {@link #NAME} of their remote_servers, each with its {shard}/{replica} macros,
 * sharing one {@link LocalZooKeeper} for ON CLUSTER DDL and replicated tables. {@link #shard(int)} gives a server to
 * stop and start (ports and data kept).
 */
public final class LocalClickHouseCluster implements AutoCloseable {
    public static final String NAME = "pipedeck_local";

    private final LocalZooKeeper zookeeper;
    private final List<LocalClickHouse> shards;

    private LocalClickHouseCluster(LocalZooKeeper zookeeper, List<LocalClickHouse> shards) {
        this.zookeeper = zookeeper;
        this.shards = shards;
    }

    /** Starts ZooKeeper from {@code zookeeperJar}, then the servers; returns once every server answers /ping. */
    public static LocalClickHouseCluster start(List<String> clickHouseCommand, Path zookeeperJar, int shards) {
        LocalZooKeeper zk = LocalZooKeeper.start(zookeeperJar);
        List<LocalClickHouse> servers = new ArrayList<>();
        try {
            int[] http = new int[shards];
            int[] tcp = new int[shards];
            int[] interserver = new int[shards];
            for (int i = 0; i < shards; i++) {
                http[i] = LocalClickHouse.freePort();
                tcp[i] = LocalClickHouse.freePort();
                interserver[i] = LocalClickHouse.freePort();
            }
            StringBuilder remote = new StringBuilder("<remote_servers><" + NAME + ">");
            for (int i = 0; i < shards; i++) {
                remote.append("<shard><replica><host>127.0.0.1</host><port>").append(tcp[i])
                        .append("</port></replica></shard>");
            }
            remote.append("</").append(NAME).append("></remote_servers>");
            for (int i = 0; i < shards; i++) {
                String extra = remote + "<zookeeper><node><host>127.0.0.1</host><port>" + zk.port() + "</port></node>"
                        + "<session_timeout_ms>10000</session_timeout_ms></zookeeper>"
                        + "<macros><shard>%02d</shard><replica>r%d</replica></macros>".formatted(i + 1, i + 1)
                        + "<distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>"
                        + "<interserver_http_host>127.0.0.1</interserver_http_host>"
                        + "<interserver_http_port>" + interserver[i] + "</interserver_http_port>";
                servers.add(LocalClickHouse.start(clickHouseCommand, List.of(), dir -> extra, http[i], tcp[i]));
            }
            LocalClickHouseCluster cluster = new LocalClickHouseCluster(zk, servers);
            cluster.awaitZooKeeper();
            return cluster;
        } catch (IOException | RuntimeException e) {
            servers.forEach(LocalClickHouse::close);
            zk.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The server of shard {@code i} (0-based). */
    public LocalClickHouse shard(int i) {
        return shards.get(i);
    }

    public int shardCount() {
        return shards.size();
    }

    public LocalZooKeeper zookeeper() {
        return zookeeper;
    }

    /** {@code clickhouse://default@127.0.0.1:PORT/database?cluster=NAME}, through the first shard's server. */
    public String url(String database) {
        return shards.get(0).url(database) + "?cluster=" + NAME;
    }

    /**
     * Waits until every server has its ZooKeeper session (ON CLUSTER DDL needs it), starting again a server that did
     * not survive its first moments (seen once on 18.16 under load: /ping answered, the next query found it gone).
     */
    private void awaitZooKeeper() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (LocalClickHouse server : shards) {
            while (true) {
                if (!server.isRunning()) {
                    server.start();
                }
                try {
                    server.query("SELECT count() FROM system.zookeeper WHERE path = '/'");
                    break;
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("a server of the local cluster has no ZooKeeper session after "
                                + "60 s: " + e.getMessage(), e);
                    }
                    sleep(200);
                }
            }
        }
    }

    /** Creates the database on every server (ON CLUSTER) and returns its name. */
    public String createDatabase(String name) {
        for (int attempt = 1; ; attempt++) {
            try {
                shards.get(0).query("CREATE DATABASE IF NOT EXISTS `" + name + "` ON CLUSTER " + NAME);
                return name;
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    throw e;
                }
                awaitZooKeeper(); // a server that went away is started again; the statement is idempotent
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs SQL on the first shard's server, which sees the whole cluster through Distributed tables. */
    public String query(String sql) {
        return shards.get(0).query(sql);
    }

    @Override
    public void close() {
        shards.forEach(LocalClickHouse::close);
        zookeeper.close();
    }
}
