package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.bench.DestinationBenchmark;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

@Tag("bench")
class EncodeProbe {
    @Test
    void encodeOnly() throws Exception {
        TableSchema s = DestinationBenchmark.orders();
        ChTypeMapper m = new ChTypeMapper(ServerVersion.parse("18.16.1"));
        List<ChColumn> cols = s.columns().stream().map(m::map).toList();
        byte[] buf = new byte[1 << 16];
        for (int round = 0; round < 8; round++) {
            List<RowChange> rows = DestinationBenchmark.batch(s, round * 100_000);
            long t0 = System.nanoTime();
            InsertBody body = new InsertBody(InsertBody.Format.forColumns(cols), cols, rows, "orders", false);
            long bytes = 0;
            int n;
            java.io.ByteArrayOutputStream keep = new java.io.ByteArrayOutputStream();
            while ((n = body.read(buf, 0, buf.length)) > 0) {
                bytes += n;
                if (round == 0) {
                    keep.write(buf, 0, n);
                }
            }
            if (round == 0 && System.getProperty("probe.out") != null) {
                java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("probe.out")), keep.toByteArray());
            }
            long dt = System.nanoTime() - t0;
            System.out.printf("encode: %.0f rows/s, %d bytes%n", 100_000 / (dt / 1e9), bytes);
        }
    }
}
