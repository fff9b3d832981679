package dev.pipedeck.bench;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.sink.Destinations;
import dev.pipedeck.source.pg.PgSource;
import dev.pipedeck.source.pg.SourceConfig;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the destination alone takes orders rows: {@link Destination#apply} of already-decoded rows in chunks of a
 * given size, one writer, nothing else running. Only apply is timed. This is the ceiling for any pipe into that
 * destination on this machine, and says how much of a pipe's time is the destination's.
 */
final class DestinationCeiling {
    private static final String[] STATUS = {"new", "paid", "shipped", "cancelled"};

    private DestinationCeiling() {}

    /** What one measurement took: rows per second of apply time, and the CPU split while it ran. */
    record Measurement(double rowsPerSecond, String cpu) {}

    /**
     * {@code perTable} snapshot rows into each of {@code tables} (one after the other, in chunks of {@code chunk}), as
     * many rows as the pipe copied, so the destination's background work (ClickHouse merging parts) is comparable.
     */
    static Measurement measure(BenchEnvironment env, String sourceDb, List<String> tables, String destinationName,
                               long perTable, int chunk) {
        PgSource source = new PgSource(new SourceConfig(env.postgres().jdbcUrl(sourceDb), "postgres", ""));
        List<TableSchema> schemas = tables.stream().map(t -> source.readSchema(new TableRef("public", t))).toList();
        long nanos = 0;
        try (Destination d = Destinations.open(env.newDestination(destinationName));
             CpuMeter.Recording cpu = new CpuMeter(env).record()) {
            d.check();
            d.prepare(schemas.stream().map(s -> new Destination.TableTarget(s, s.table().name())).toList());
            for (TableSchema schema : schemas) {
                for (long from = 1; from <= perTable; from += chunk) {
                    List<RowChange> batch = chunk(schema, from, (int) Math.min(chunk, perTable - from + 1));
                    long t0 = System.nanoTime();
                    d.apply(batch);
                    nanos += System.nanoTime() - t0;
                }
            }
            cpu.close();
            return new Measurement(perTable * tables.size() / (nanos / 1e9), cpu.describe(3));
        }
    }

    /** Rows shaped like {@link OrdersSql#insert}'s, decoded as the source would hand them over. */
    private static List<RowChange> chunk(TableSchema schema, long from, int n) {
        List<RowChange> out = new ArrayList<>(n);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (long g = from; g < from + n; g++) {
            Object[] v = {g, (int) (g % 5000), BigDecimal.valueOf(g % 100000, 2), STATUS[(int) (g % 4)],
                    "order note " + g, base.plusSeconds(g)};
            out.add(new RowChange(ChangeKind.SNAPSHOT, schema, v, 0, 0, null));
        }
        return out;
    }
}
