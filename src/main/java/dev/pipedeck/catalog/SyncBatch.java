package dev.pipedeck.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * One batch written to the destination and then recorded here (and only then confirmed to the source).
 *
 * @param commitLsn  commit LSN of the last complete source transaction in the batch (null for snapshot batches)
 * @param commitTime its commit time
 */
public record SyncBatch(long id, long pipeId, Kind kind, long startLsn, long endLsn, Instant startedAt, Instant endedAt,
                        Map<String, TableCounts> byTable, Long commitLsn, Instant commitTime) {
    public enum Kind { SNAPSHOT, CDC }

    public TableCounts totals() {
        return byTable.values().stream().reduce(TableCounts.ZERO, TableCounts::plus);
    }
}
