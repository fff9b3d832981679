package dev.pipedeck.sink.bench;

import dev.pipedeck.bench.LocalClickHouseCluster;
import dev.pipedeck.testing.ClickHouseTestCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which way into a two-shard cluster is faster: one INSERT per batch into the Distributed table with
 * {@code insert_distributed_sync=1} (the server splits the batch and waits for every shard), or one INSERT per shard
 * straight into its local table, in parallel (the client splits the batch). Same TabSeparated bytes both ways,
 * 1,000,000 orders-shaped rows in batches of 100,000. Run: {@code mvn -q -B -Pbench test -Dtest=ClusterInsertBenchmark}.
 */
@Tag("bench")
public class ClusterInsertBenchmark {
    static final int ROWS = 1_000_000;
    static final int BATCH = 100_000;
    static final String COLUMNS = "(id Int64, customer_id Int32, amount Nullable(Decimal(12,2)), status String, note String, "
            + "created_at String, _peerdb_synced_at DateTime DEFAULT now(), _peerdb_is_deleted Int8, _peerdb_version Int64)";
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void distributedSyncVersusDirectToShards() throws Exception {
        LocalClickHouseCluster cluster = ClickHouseTestCluster.get();
        String c = LocalClickHouseCluster.NAME;
        String db = cluster.createDatabase("insert_bench_" + System.nanoTime());
        for (String t : List.of("via_dist", "direct")) {
            cluster.query("CREATE TABLE " + db + "." + t + "_local ON CLUSTER " + c + " " + COLUMNS
                    + " ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/" + db + "/" + t + "_local', "
                    + "'{replica}', _peerdb_version) ORDER BY id");
        }
        cluster.query("CREATE TABLE " + db + ".via_dist ON CLUSTER " + c + " AS " + db + ".via_dist_local ENGINE = "
                + "Distributed(" + c + ", " + db + ", via_dist_local, cityHash64(id))");
        String cols = " (id, customer_id, amount, status, note, created_at, _peerdb_is_deleted, _peerdb_version) FORMAT TabSeparated";
        long distNanos = 0;
        long directNanos = 0;
        for (int round = 0; round < 2; round++) { // round 0 warms up; round 1 is measured
            distNanos = 0;
            directNanos = 0;
            for (int from = 0; from < ROWS; from += BATCH) {
                int base = round * ROWS + from;
                String all = tsv(base, BATCH, -1);
                long t0 = System.nanoTime();
                insert(cluster.shard(0).httpPort(), "INSERT INTO " + db + ".via_dist" + cols, all, "&insert_distributed_sync=1");
                distNanos += System.nanoTime() - t0;
                List<String> parts = new ArrayList<>();
                for (int s = 0; s < cluster.shardCount(); s++) {
                    parts.add(tsv(base, BATCH, s));
                }
                long t1 = System.nanoTime();
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                for (int s = 0; s < cluster.shardCount(); s++) {
                    int shard = s;
                    writes.add(CompletableFuture.runAsync(() -> insert(cluster.shard(shard).httpPort(),
                            "INSERT INTO " + db + ".direct_local" + cols, parts.get(shard), "")));
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
                directNanos += System.nanoTime() - t1;
            }
        }
        assertEquals(Integer.toString(2 * ROWS), cluster.query("SELECT count() FROM " + db + ".via_dist").strip());
        double dist = ROWS / (distNanos / 1e9);
        double direct = ROWS / (directNanos / 1e9);
        System.out.printf("cluster insert, %d rows in batches of %d: Distributed + insert_distributed_sync=1 %,.0f rows/s; "
                + "direct to %d shards in parallel %,.0f rows/s (direct / distributed = %.2f)%n", ROWS, BATCH, dist,
                cluster.shardCount(), direct, direct / dist);
    }

    /** Rows {@code from..from+n} as TSV; {@code shard >= 0} keeps only the rows of that shard (id modulo shards). */
    private static String tsv(int from, int n, int shard) {
        StringBuilder b = new StringBuilder(n * 80);
        for (int i = from; i < from + n; i++) {
            if (shard >= 0 && i % 2 != shard) {
                continue;
            }
            b.append(i).append('\t').append(i % 50_000).append('\t').append(i % 1_000_000 / 100).append('.')
                    .append(String.format("%02d", i % 100)).append('\t').append("paid").append('\t')
                    .append("order note number ").append(i).append('\t').append("2024-01-01 00:00:00.000000")
                    .append("\t0\t").append(1000L + i).append('\n');
        }
        return b.toString();
    }

    private void insert(int port, String sql, String body, String settings) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?query="
                            + URLEncoder.encode(sql, StandardCharsets.UTF_8) + settings))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("insert failed: " + r.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
