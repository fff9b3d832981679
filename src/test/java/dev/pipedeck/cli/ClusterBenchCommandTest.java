package dev.pipedeck.cli;

import dev.pipedeck.catalog.Json;
import dev.pipedeck.testing.ClickHouseTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pipedeck bench --scenarios 7} at a tiny size against a real local cluster (two clickhouse-server processes and
 * ZooKeeper, started by the scenario) and the bench's own single server, so the cluster scenario cannot rot. Skipped
 * without clickhouse-server or ZooKeeper, except under {@code CI=true}: then it fails.
 */
class ClusterBenchCommandTest {
    @Test
    void clusterScenarioDrainsTheSameBacklogIntoOneServerAndTheClusterAndPrintsBothRatesAndTheCpuSplit(
            @TempDir Path dir) throws Exception {
        ClickHouseTestCluster.requireInstalled();
        Path json = dir.resolve("bench.json");
        CliRun r = CliRun.of(Map.of(), "bench", "--scenarios", "7", "--rows", "3000", "--json", json.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("PipeDeck bench, destination clickhouse"), r.out());
        // 1,000 warm-up rows + 3,000 backlog rows, each followed by one more commit
        assertTrue(r.out().contains("both hold the source's 4,002 rows"), r.out());

        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(json));
        assertEquals(List.of(), doc.get("errors"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) doc.get("results");
        Map<String, Double> byMetric = results.stream().collect(Collectors.toMap(m -> (String) m.get("metric"),
                m -> ((Number) m.get("value")).doubleValue()));
        double single = byMetric.get("drain into one server (resume -> consistent)");
        double cluster = byMetric.get("drain into the 2-shard cluster (resume -> consistent)");
        assertTrue(single > 0 && cluster > 0, byMetric.toString());
        assertEquals(cluster / single, byMetric.get("cluster / one server"), 1e-9);
        // each drain's CPU names every process (at this size most round to 0.0 s, so only their presence is checked)
        for (String during : List.of("while draining into one server", "while draining into the cluster")) {
            for (String part : List.of("Postgres", "JVM", "clickhouse-server", "clickhouse-server shard 1",
                    "clickhouse-server shard 2", "zookeeper")) {
                String metric = "CPU " + during + ": " + part;
                assertTrue(byMetric.containsKey(metric), metric + " missing from " + byMetric.keySet());
                assertTrue(r.out().contains(metric), metric + " missing from the table\n" + r.out());
            }
        }
        for (Map<String, Object> m : results) {
            assertEquals(7, ((Number) m.get("scenario")).intValue(), m.toString());
        }
    }
}
