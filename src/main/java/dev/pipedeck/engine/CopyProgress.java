package dev.pipedeck.engine;

import dev.pipedeck.catalog.TableCounter;
import dev.pipedeck.change.TableRef;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** "12,345 of about 50,000 rows copied": the snapshot counters of the tables a {@link TableCopy} copies. */
final class CopyProgress {
    private CopyProgress() {}

    static String of(PipeContext ctx, List<TableRef> tables) {
        Set<String> names = tables.stream().map(TableRef::toString).collect(Collectors.toSet());
        long rows = 0;
        long estimated = 0;
        for (TableCounter c : ctx.metrics.tableCounters(ctx.pipeId)) {
            if (names.contains(c.sourceTable())) {
                rows += c.counts().snapshotRows();
                estimated += c.snapshotEstimated();
            }
        }
        return estimated > 0 ? String.format("%,d of about %,d rows copied", rows, Math.max(rows, estimated))
                : String.format("%,d rows copied", rows);
    }
}
