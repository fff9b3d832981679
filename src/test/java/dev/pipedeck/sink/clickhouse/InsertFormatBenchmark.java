package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.sink.Destination.TableTarget;
import dev.pipedeck.sink.DestinationUrl;
import dev.pipedeck.sink.Destinations;
import dev.pipedeck.sink.bench.DestinationBenchmark;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same 1,000,000 orders rows inserted as TabSeparated and as RowBinary, alternating, into one ClickHouse server:
 * wall time of the inserts and clickhouse-server's CPU (from /proc) per format, so the two are compared under the
 * same load. Run: {@code mvn -q -Pbench test -Dtest=InsertFormatBenchmark}.
 */
@Tag("bench")
class InsertFormatBenchmark {
    private static final int ROUNDS = 3;

    @Test
    void rowBinaryAgainstTabSeparated() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        long pid = serverPid(ch).orElseThrow(() -> new IllegalStateException("clickhouse-server process not found"));
        TableSchema s = DestinationBenchmark.orders();
        List<List<RowChange>> batches = new ArrayList<>();
        for (int from = 0; from < 1_000_000; from += 100_000) {
            batches.add(DestinationBenchmark.batch(s, from));
        }
        ChTypeMapper mapper = new ChTypeMapper(ServerVersion.parse(ch.query("SELECT version()")));
        List<ChColumn> cols = s.columns().stream().map(mapper::map).toList();
        double[][] wall = new double[2][ROUNDS];
        double[][] cpu = new double[2][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (InsertBody.Format f : InsertBody.Format.values()) {
                String db = ch.createDatabase("fmt_" + f.name().toLowerCase() + "_" + round);
                DestinationUrl url = DestinationUrl.parse(ch.url(db));
                try (Destination d = Destinations.open(ch.url(db))) {
                    d.prepare(List.of(new TableTarget(s, "orders")));
                }
                ChHttp http = new ChHttp(url, Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(10), null);
                String sql = "INSERT INTO `" + db + "`.orders (id, customer_id, amount, status, note, created_at, "
                        + "`_peerdb_is_deleted`, `_peerdb_version`) FORMAT " + f.sqlName;
                long cpu0 = procCpuNanos(pid);
                long t0 = System.nanoTime();
                for (List<RowChange> b : batches) {
                    http.insert(sql, () -> {
                        try {
                            return new InsertBody(f, cols, b, "orders", false);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, false, "orders");
                }
                wall[f.ordinal()][round] = (System.nanoTime() - t0) / 1e9;
                cpu[f.ordinal()][round] = (procCpuNanos(pid) - cpu0) / 1e9;
                assertEquals("1000000", ch.query("SELECT count() FROM `" + db + "`.orders").strip());
                System.out.printf("round %d %s: %.2f s, clickhouse-server %.2f CPU s, load %.1f%n", round + 1, f.sqlName,
                        wall[f.ordinal()][round], cpu[f.ordinal()][round],
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                ch.query("DROP DATABASE `" + db + "`");
            }
        }
        for (InsertBody.Format f : InsertBody.Format.values()) {
            double[] w = wall[f.ordinal()].clone();
            double[] c = cpu[f.ordinal()].clone();
            java.util.Arrays.sort(w);
            java.util.Arrays.sort(c);
            System.out.printf("%s: median %.2f s (%,.0f rows/s), range %.2f-%.2f s; clickhouse-server CPU median %.2f s, "
                    + "range %.2f-%.2f s%n", f.sqlName, w[ROUNDS / 2], 1_000_000 / w[ROUNDS / 2], w[0], w[ROUNDS - 1],
                    c[ROUNDS / 2], c[0], c[ROUNDS - 1]);
        }
    }

    private static Optional<Long> serverPid(ClickHouseTestServer ch) {
        String dir = ch.dataDir().toString();
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String cmd = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
                return cmd.contains("clickhouse") && cmd.contains(dir);
            } catch (Exception e) {
                return false;
            }
        }).map(ProcessHandle::pid).findFirst();
    }

    private static long procCpuNanos(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }
}
