package dev.pipedeck.catalog;

/** Rows written for one table (in one batch, or in total). */
public record TableCounts(long inserts, long updates, long deletes, long snapshotRows) {
    public static final TableCounts ZERO = new TableCounts(0, 0, 0, 0);

    public TableCounts plus(TableCounts o) {
        return new TableCounts(inserts + o.inserts, updates + o.updates, deletes + o.deletes, snapshotRows + o.snapshotRows);
    }

    public long total() {
        return inserts + updates + deletes + snapshotRows;
    }
}
