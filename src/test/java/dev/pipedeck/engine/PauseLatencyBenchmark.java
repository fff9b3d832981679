package dev.pipedeck.engine;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Engine-side pause / resume latency at a steady 5,000 rows/s: request → PAUSED and request → RUNNING, 50 cycles,
 * p50 / p95, into DuckDB and (when the binary is present) ClickHouse. Not a timed test: it prints and writes
 * {@code target/bench/pause-latency-*.txt}. Run: {@code mvn -q -Pbench test -Dtest=PauseLatencyBenchmark}.
 */
@Tag("bench")
class PauseLatencyBenchmark {
    private static final int CYCLES = 50;
    private static final int RATE = 5_000;

    @Test
    void duckDb() throws Exception {
        Path dir = Files.createTempDirectory("pause-bench");
        run("duckdb", "duckdb:" + dir.resolve("bench.duckdb"));
    }

    @Test
    void clickHouse() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("pause_bench_" + System.nanoTime());
        run("clickhouse", ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD));
    }

    private void run(String label, String destination) throws Exception {
        List<Long> pause = new ArrayList<>();
        List<Long> resume = new ArrayList<>();
        try (EngineFixture f = new EngineFixture("pausebench")) {
            f.sql(OrdersTable.DDL);
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 10_000);
            }
            f.createPipe("bench", destination, "public.orders", 100_000, Duration.ofSeconds(1));
            f.startWorker("w1");
            f.waitForStatus("bench", PipeStatus.RUNNING, Duration.ofSeconds(60));
            try (OrdersWorkload load = new OrdersWorkload(f::source, 1_000_000, RATE)) {
                Thread.sleep(3_000);
                for (int i = 0; i < CYCLES; i++) {
                    long t0 = System.nanoTime();
                    f.control.pause("bench", EngineFixture.TEST);
                    f.waitForStatus("bench", PipeStatus.PAUSED, Duration.ofSeconds(30));
                    pause.add((System.nanoTime() - t0) / 1_000_000);
                    Thread.sleep(200);
                    t0 = System.nanoTime();
                    f.control.resume("bench", EngineFixture.TEST);
                    f.waitForStatus("bench", PipeStatus.RUNNING, Duration.ofSeconds(30));
                    resume.add((System.nanoTime() - t0) / 1_000_000);
                    Thread.sleep(1_000 + (i % 5) * 100);
                }
                long lastLsn = load.stop();
                f.waitCaughtUp("bench", lastLsn, Duration.ofSeconds(120));
                String report = String.format("%s: %d cycles at %d rows/s (achieved %d rows written)%n"
                                + "  request -> PAUSED : p50 %d ms, p95 %d ms, max %d ms%n"
                                + "  request -> RUNNING: p50 %d ms, p95 %d ms, max %d ms%n",
                        label, CYCLES, RATE, load.rowsWritten.get(), pct(pause, 50), pct(pause, 95), Collections.max(pause),
                        pct(resume, 50), pct(resume, 95), Collections.max(resume));
                System.out.print(report);
                Path out = Path.of("target", "bench", "pause-latency-" + label + ".txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
            }
            assertEquals(CYCLES, pause.size());
        }
    }

    static long pct(List<Long> values, int p) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }
}
