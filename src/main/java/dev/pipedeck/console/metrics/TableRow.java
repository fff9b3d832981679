package dev.pipedeck.console.metrics;

import dev.pipedeck.catalog.InitialLoadProgress;
import dev.pipedeck.catalog.TableCounter;

/**
 * A line of the per-table counts: rows by kind and snapshot progress.
 *
 * @param snapshotProgress 0..1, or -1 when the size is unknown
 */
public record TableRow(String sourceTable, String destinationTable, long snapshotRows, long inserts, long updates,
                       long deletes, double snapshotProgress, String snapshotText) {
    static TableRow of(TableCounter c) {
        return of(c, null);
    }

    /** With the table's initial-load progress (rate, time left) when known. */
    static TableRow of(TableCounter c, InitialLoadProgress.Table load) {
        double progress;
        String text;
        if (c.snapshotDone()) {
            progress = 1;
            text = "done";
        } else if (load != null && load.rowsPerSecond() > 0) {
            progress = load.fraction();
            text = load.text();
        } else if (c.snapshotEstimated() > 0) {
            progress = Math.min(1, (double) c.counts().snapshotRows() / c.snapshotEstimated());
            text = String.format("%.0f%% of ~%,d", progress * 100, c.snapshotEstimated());
        } else {
            progress = -1;
            text = c.counts().snapshotRows() > 0 ? "copying" : "waiting";
        }
        return new TableRow(c.sourceTable(), c.destinationTable(), c.counts().snapshotRows(), c.counts().inserts(),
                c.counts().updates(), c.counts().deletes(), progress, text);
    }
}
