package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.bench.DestinationBenchmark;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

/** JVM CPU to encode 100,000 orders rows as TabSeparated and as RowBinary (thread CPU time, so load matters less). */
@Tag("bench")
class EncodeFormatProbe {
    @Test
    void encodeCpuPerFormat() throws Exception {
        TableSchema s = DestinationBenchmark.orders();
        ChTypeMapper m = new ChTypeMapper(ServerVersion.parse("18.16.1"));
        List<ChColumn> cols = s.columns().stream().map(m::map).toList();
        List<RowChange> rows = DestinationBenchmark.batch(s, 0);
        byte[] buf = new byte[1 << 16];
        var threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 6; round++) {
            for (InsertBody.Format f : InsertBody.Format.values()) {
                long c0 = threads.getCurrentThreadCpuTime();
                long bytes = 0;
                for (int rep = 0; rep < 5; rep++) {
                    InsertBody body = new InsertBody(f, cols, rows, "orders", false);
                    int n;
                    while ((n = body.read(buf, 0, buf.length)) > 0) {
                        bytes += n;
                    }
                }
                System.out.printf("round %d %s: %.0f ms CPU per 100,000 rows, %d bytes per row%n", round, f.sqlName,
                        (threads.getCurrentThreadCpuTime() - c0) / 5 / 1e6, bytes / 500_000);
            }
        }
    }
}
