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

    /** Rows per second for {@code rows} snapshot rows of {@code sourceTable}'s schema applied in chunks of {@code chunk}. */
    static double rowsPerSecond(BenchEnvironment env, String sourceDb, String sourceTable, String destinationName,
                                long rows, int chunk) {
        TableSchema schema = new PgSource(new SourceConfig(env.postgres().jdbcUrl(sourceDb), "postgres", ""))
                .readSchema(new TableRef("public", sourceTable));
        long nanos = 0;
        try (Destination d = Destinations.open(env.newDestination(destinationName))) {
            d.check();
            d.prepare(List.of(new Destination.TableTarget(schema, sourceTable)));
            for (long from = 1; from <= rows; from += chunk) {
                List<RowChange> batch = chunk(schema, from, (int) Math.min(chunk, rows - from + 1));
                long t0 = System.nanoTime();
                d.apply(batch);
                nanos += System.nanoTime() - t0;
            }
        }
        return rows / (nanos / 1e9);
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
