package dev.pipedeck.sink.bench;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.AllTypes;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.sink.Destination.TableTarget;
import dev.pipedeck.sink.Destinations;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 1,000,000 rows of the orders shape in batches of 100,000 into each destination; prints rows/s (only apply() is
 * timed, not building the RowChange objects). Run: {@code mvn -q -B -Pbench test -Dtest=DestinationBenchmark}.
 */
@Tag("bench")
public class DestinationBenchmark {
    static final int ROWS = 1_000_000;
    static final int BATCH = 100_000;
    static final String[] STATUS = {"new", "paid", "shipped", "cancelled"};

    @TempDir
    Path dir;

    public static TableSchema orders() {
        return new TableSchema(new TableRef("public", "orders"), List.of(
                AllTypes.col("id", TypeFamily.INT8, "bigint", false, 1),
                AllTypes.col("customer_id", TypeFamily.INT4, "integer", true, 0),
                new ColumnSpec("amount", TypeFamily.NUMERIC, null, "numeric(12,2)", 1700, 12, 2, true, 0),
                AllTypes.col("status", TypeFamily.TEXT, "text", true, 0),
                AllTypes.col("note", TypeFamily.TEXT, "text", true, 0),
                AllTypes.col("created_at", TypeFamily.TIMESTAMPTZ, "timestamp with time zone", true, 0)));
    }

    public static List<RowChange> batch(TableSchema s, int from) {
        List<RowChange> out = new ArrayList<>(BATCH);
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = from; i < from + BATCH; i++) {
            Object[] v = {(long) i, i % 50_000, BigDecimal.valueOf(i % 1_000_000, 2), STATUS[i % 4],
                    "order note number " + i, base.plusNanos(i * 1_000_123L)};
            out.add(new RowChange(ChangeKind.INSERT, s, v, 1000L + i, 1000L + i, base));
        }
        return out;
    }

    static double run(String name, Destination d) {
        TableSchema s = orders();
        d.check();
        d.prepare(List.of(new TableTarget(s, "orders")));
        long applyNanos = 0;
        long cpuNanos = 0;
        for (int from = 0; from < ROWS; from += BATCH) {
            List<RowChange> b = batch(s, from);
            long c0 = processCpu();
            long t0 = System.nanoTime();
            d.apply(b);
            long dt = System.nanoTime() - t0;
            cpuNanos += processCpu() - c0;
            applyNanos += dt;
            System.out.printf("%s batch %d: %.0f rows/s%n", name, from / BATCH + 1, BATCH / (dt / 1e9));
        }
        double rate = ROWS / (applyNanos / 1e9);
        System.out.printf("%s: %,d rows in %.2f s = %,.0f rows/s%n", name, ROWS, applyNanos / 1e9, rate);
        // this JVM's CPU only (DuckDB runs inside it; a ClickHouse server's own CPU is not included); with
        // other work on the machine the wall-clock rate says more about the neighbours than about PipeDeck
        System.out.printf("%s: this JVM used %.2f CPU s during apply (%.0f%% of one core), load average %.1f%n",
                name, cpuNanos / 1e9, 100.0 * cpuNanos / applyNanos,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return rate;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Test
    void clickhouse() {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("bench_" + System.nanoTime());
        try (Destination d = Destinations.open(ch.url(db))) {
            run("ClickHouse", d);
        }
        assertEquals(String.valueOf(ROWS), ch.query("SELECT count() FROM `" + db + "`.orders FINAL WHERE _peerdb_is_deleted = 0").strip());
    }

    @Test
    void clickhouseGzip() {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("benchgz_" + System.nanoTime());
        try (Destination d = Destinations.open(ch.url(db) + "?compress=gzip")) {
            run("ClickHouse+gzip", d);
        }
    }

    @Test
    void duckdb() throws Exception {
        Path file = dir.resolve("bench.duckdb");
        try (Destination d = Destinations.open("duckdb:" + file)) {
            run("DuckDB", d);
        }
    }
}
