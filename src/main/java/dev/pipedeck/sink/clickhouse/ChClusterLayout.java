package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.PipeDeckException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The layout of a pipe's tables on a ClickHouse cluster ({@code ?cluster=NAME}), built on ClickHouse's own
 * replication and sharding: per source table a local table {@code <table>_local} on every server,
 * {@code ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/<db>/<table>_local', '{replica}', _peerdb_version)}
 * ordered by the primary key, and a {@code Distributed(NAME, db, <table>_local, cityHash64(key...))} table with the
 * source table's name over them. Every DDL runs {@code ON CLUSTER NAME} (ZooKeeper's distributed DDL queue), so a
 * shard that is down gets it when it comes back. Hashing the key sends every version of a row to one shard, where
 * {@code FINAL} deduplicates it. Inserts go through the Distributed table with {@code insert_distributed_sync=1}
 * (see {@link #SETTINGS}): the insert returns only once every shard has its rows, and fails (a transient error,
 * retried) when a shard is down.
 */
final class ChClusterLayout {
    private static final Logger log = LoggerFactory.getLogger(ChClusterLayout.class);
    static final String LOCAL_SUFFIX = "_local";
    /** URL settings for every request to a cluster: synchronous distributed inserts, bounded ON CLUSTER waits. */
    static final String SETTINGS = "insert_distributed_sync=1&distributed_ddl_task_timeout=60";

    private final ChHttp http;
    private final String cluster;
    private final String database;

    ChClusterLayout(ChHttp http, String cluster, String database) {
        this.http = http;
        this.cluster = cluster;
        this.database = database;
    }

    String cluster() {
        return cluster;
    }

    private String onCluster() {
        return " ON CLUSTER " + ChTable.ident(cluster);
    }

    private String qualified(String table) {
        return ChTable.ident(database) + "." + ChTable.ident(table);
    }

    /**
     * Checks, before anything is created, what a cluster needs: the cluster in system.clusters, the {shard} and
     * {replica} macros on every shard, ZooKeeper reachable, and the database on every shard. Each problem is a
     * failure whose message says what to fix (PERMANENT for configuration, TRANSIENT for ZooKeeper or a shard that
     * does not answer: while a pipe runs those are outages and retried).
     */
    void validate() {
        String endpoint = http.endpoint();
        int shards = Integer.parseInt(ask("SELECT uniqExact(shard_num) FROM system.clusters WHERE cluster = "
                + ChTable.literal(cluster), "read system.clusters").strip());
        if (shards == 0) {
            String known = ask("SELECT arrayStringConcat(groupUniqArray(cluster), ', ') FROM system.clusters",
                    "read system.clusters").strip();
            throw PipeDeckException.permanent("ClickHouse at " + endpoint + " has no cluster " + cluster
                    + " in system.clusters (" + (known.isEmpty() ? "it defines none" : "it defines: " + known)
                    + "). Add the cluster to remote_servers in the server configuration, or fix ?cluster= in the "
                    + "destination URL.");
        }
        List<String> macros = List.of(ask("SELECT macro FROM system.macros FORMAT TabSeparated", "read system.macros")
                .split("\n"));
        for (String m : List.of("shard", "replica")) {
            if (!macros.contains(m)) {
                throw PipeDeckException.permanent("ClickHouse at " + endpoint + " does not define the {" + m
                        + "} macro, which names its replicated tables in ZooKeeper. Add <macros><shard>..</shard>"
                        + "<replica>..</replica></macros> to every server's configuration.");
            }
        }
        try {
            http.query("SELECT count() FROM system.zookeeper WHERE path = '/'", null);
        } catch (PipeDeckException e) {
            // an outage like any other while a pipe runs (retried); at create the sentence says what to check
            throw new PipeDeckException(FailureKind.TRANSIENT, "ClickHouse at " + endpoint + " cannot reach ZooKeeper ("
                    + e.getMessage() + "). ON CLUSTER DDL and replicated tables need it: configure <zookeeper> in the "
                    + "server configuration and check that ZooKeeper is running.", e);
        }
        int withMacros = Integer.parseInt(ask("SELECT count() FROM cluster(" + ChTable.literal(cluster)
                + ", system.macros) WHERE macro = 'shard'", "read the macros of every shard").strip());
        if (withMacros < shards) {
            throw PipeDeckException.permanent("Only " + withMacros + " of the " + shards + " shards of ClickHouse "
                    + "cluster " + cluster + " define the {shard} macro. Add <macros><shard>..</shard><replica>.."
                    + "</replica></macros> to every server's configuration.");
        }
        int withDatabase = Integer.parseInt(ask("SELECT count() FROM cluster(" + ChTable.literal(cluster)
                + ", system.databases) WHERE name = " + ChTable.literal(database), "look for the database on every shard")
                .strip());
        if (withDatabase < shards) {
            throw PipeDeckException.permanent("ClickHouse database " + database + " exists on " + withDatabase + " of "
                    + "the " + shards + " shards of cluster " + cluster + ". Create it on all of them: CREATE DATABASE "
                    + "IF NOT EXISTS " + database + " ON CLUSTER " + cluster + ".");
        }
    }

    private String ask(String sql, String what) {
        try {
            return http.query(sql, null);
        } catch (PipeDeckException e) {
            if (e.kind() == FailureKind.TRANSIENT) {
                throw e;
            }
            throw PipeDeckException.permanent("Could not " + what + " on ClickHouse at " + http.endpoint()
                    + " to check cluster " + cluster + ": " + e.getMessage(), e);
        }
    }

    /** Creates the local tables on every server, then the Distributed table over them. */
    void create(String table, String columnsDdl, List<ChColumn> keyColumns) {
        String local = table + LOCAL_SUFFIX;
        String order = keyColumns.stream().map(c -> ChTable.ident(c.name())).collect(Collectors.joining(", "));
        String zkPath = "/clickhouse/tables/{shard}/" + database + "/" + local;
        http.query("CREATE TABLE IF NOT EXISTS " + qualified(local) + onCluster() + " (" + columnsDdl + ")"
                + " ENGINE = ReplicatedReplacingMergeTree(" + ChTable.literal(zkPath) + ", '{replica}', `_peerdb_version`)"
                + " ORDER BY (" + order + ")", table);
        http.query("CREATE TABLE IF NOT EXISTS " + qualified(table) + onCluster() + " AS " + qualified(local)
                + " ENGINE = Distributed(" + ChTable.ident(cluster) + ", " + ChTable.ident(database) + ", "
                + ChTable.ident(local) + ", " + shardingKey(keyColumns) + ")", table);
        log.info("Created ClickHouse tables {}.{} (Distributed on cluster {}) over {}.{}", database, table, cluster,
                database, local);
    }

    /**
     * {@code cityHash64(key...)}: every version of a row lands on the same shard. Types cityHash64 cannot take on old
     * servers (UUID, Decimal...) are hashed as text.
     */
    static String shardingKey(List<ChColumn> keyColumns) {
        return "cityHash64(" + keyColumns.stream().map(c -> {
            String t = c.type();
            boolean direct = t.matches("U?Int(8|16|32|64)|String|FixedString\\(\\d+\\)|Date|DateTime");
            return direct ? ChTable.ident(c.name()) : "toString(" + ChTable.ident(c.name()) + ")";
        }).collect(Collectors.joining(", ")) + ")";
    }

    /** Adds a column to the local tables and to the Distributed table, on every server. */
    void addColumn(String table, String columnDdl) {
        http.query("ALTER TABLE " + qualified(table + LOCAL_SUFFIX) + onCluster() + " ADD COLUMN " + columnDdl, table);
        http.query("ALTER TABLE " + qualified(table) + onCluster() + " ADD COLUMN " + columnDdl, table);
    }

    /** What keeps an existing table from being reused: a sentence per problem (empty when it fits). */
    List<String> problems(String table, List<String> keys) {
        List<String> problems = new ArrayList<>();
        Map<String, String[]> engines = engines(table, table + LOCAL_SUFFIX);
        String[] dist = engines.get(table);
        String[] local = engines.get(table + LOCAL_SUFFIX);
        if (!dist[0].equals("Distributed")) {
            problems.add("its engine is " + dist[0] + ", expected Distributed over " + table + LOCAL_SUFFIX
                    + " on cluster " + cluster);
        } else if (!dist[1].replace("`", "").replace(" ", "").contains("Distributed(" + cluster + "," + database
                + "," + table + LOCAL_SUFFIX + ",")) {
            problems.add("it is " + dist[1] + ", expected Distributed(" + cluster + ", " + database + ", " + table
                    + LOCAL_SUFFIX + ", <hash of the key>)");
        }
        if (local == null) {
            problems.add("its local table " + table + LOCAL_SUFFIX + " is missing");
        } else if (!local[0].equals("ReplicatedReplacingMergeTree")
                || !local[1].replace("`", "").contains(", _peerdb_version)")) {
            problems.add("its local table " + table + LOCAL_SUFFIX + " is " + local[0]
                    + ", expected ReplicatedReplacingMergeTree(..., _peerdb_version)");
        } else if (!local[2].replace("`", "").replace(" ", "").equals(String.join(",", keys).replace(" ", ""))) {
            problems.add("its local table is ordered by (" + local[2] + "), expected (" + String.join(", ", keys) + ")");
        }
        return problems;
    }

    private Map<String, String[]> engines(String... tables) {
        String names = java.util.Arrays.stream(tables).map(ChTable::literal).collect(Collectors.joining(", "));
        String body = http.query("SELECT name, engine, engine_full, sorting_key FROM system.tables WHERE database = "
                + ChTable.literal(database) + " AND name IN (" + names + ") FORMAT TabSeparated", tables[0]);
        Map<String, String[]> out = new java.util.HashMap<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                String[] f = line.split("\t", -1);
                out.put(TsvText.unescape(f[0]), new String[] {f[1], TsvText.unescape(f.length > 2 ? f[2] : ""),
                        TsvText.unescape(f.length > 3 ? f[3] : "")});
            }
        }
        return out;
    }
}
