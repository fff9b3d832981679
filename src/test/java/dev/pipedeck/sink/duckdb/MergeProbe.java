package dev.pipedeck.sink.duckdb;

import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination.TableTarget;
import dev.pipedeck.sink.bench.DestinationBenchmark;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

@Tag("bench")
class MergeProbe {
    @TempDir
    Path dir;

    @Test
    void phases() throws Exception {
        TableSchema s = DestinationBenchmark.orders();
        DuckDBConnection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("p.db")).unwrap(DuckDBConnection.class);
        DuckDbSchema schema = new DuckDbSchema(c);
        schema.init();
        DuckTable t = schema.prepare(new TableTarget(s, "orders"));
        if (System.getProperty("probe.checkpoint") != null) {
            try (Statement st = c.createStatement()) {
                st.execute("SET checkpoint_threshold = '" + System.getProperty("probe.checkpoint") + "'");
            }
        }
        c.setAutoCommit(false);
        DuckDbMerge m = new DuckDbMerge(c);
        long total = 0;
        for (int b = 0; b < 10; b++) {
            List<RowChange> rows = DestinationBenchmark.batch(s, b * 100_000);
            long t0 = System.nanoTime();
            m.apply(t, rows);
            long t1 = System.nanoTime();
            c.commit();
            long t2 = System.nanoTime();
            System.out.printf("apply %d ms (%s), commit %d ms%n", (t1 - t0) / 1_000_000, m.lastTimings, (t2 - t1) / 1_000_000);
            total += t2 - t0;
        }
        long t3 = System.nanoTime();
        c.close();
        System.out.printf("total %d ms, close %d ms%n", total / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
    }
}
