package dev.pipedeck.cli;

import dev.pipedeck.catalog.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pipedeck bench} end to end at a tiny size, so the command cannot rot between benchmark runs. */
class BenchCommandTest {
    @Test
    void tinyRunOnDuckDbPrintsOneTableAndWritesTheSameFiguresAsJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("out").resolve("bench.json");
        CliRun r = CliRun.of(Map.of(), "bench", "--scenarios", "1,2,4,5,6", "--rows", "2000", "--seconds", "3",
                "--cycles", "2", "--destination", "duckdb", "--json", json.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("PipeDeck bench, destination duckdb"), r.out());
        for (String metric : List.of("pipe drain (resume -> consistent)", "commit -> visible p99",
                "request -> PAUSED p95", "request -> RUNNING p95", "peak heap used",
                "pipe drain of updates (resume -> consistent)", "CPU while the pipe drained: Postgres",
                "CPU while the pipe drained: JVM", "CPU during the run: clickhouse-server")) {
            assertTrue(r.out().contains(metric), metric + " missing from\n" + r.out());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(json));
        assertEquals("duckdb", doc.get("destination"));
        assertEquals(List.of(), doc.get("errors"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) doc.get("results");
        Set<Object> scenarios = results.stream().map(m -> ((Number) m.get("scenario")).intValue()).collect(Collectors.toSet());
        assertEquals(Set.of(1, 2, 4, 5, 6), scenarios);
        for (Map<String, Object> m : results) {
            assertTrue(((Number) m.get("value")).doubleValue() >= 0, m.toString());
            assertTrue(r.out().contains((String) m.get("metric")), "JSON metric also in the table: " + m);
        }
    }

    @Test
    void anUnknownScenarioIsRefusedBeforeAnythingStarts() {
        CliRun r = CliRun.of(Map.of(), "bench", "--scenarios", "1,9");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("scenarios are numbered 1 to 7"), r.toString());
    }
}
