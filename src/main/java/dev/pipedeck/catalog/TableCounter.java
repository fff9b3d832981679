package dev.pipedeck.catalog;

/** Per-table totals and snapshot progress of a pipe. */
public record TableCounter(String sourceTable, String destinationTable, TableCounts counts, long snapshotEstimated,
                           boolean snapshotDone) {
}
