package dev.pipedeck.source.pg;

import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.SnapshotRange;

import java.util.List;

/** Receives the initial copy. Called from the copier's threads; implementations must be thread-safe. */
public interface SnapshotListener {
    /** A chunk of SNAPSHOT rows of one range (bounded size, e.g. 10,000 rows). */
    void onRows(SnapshotRange range, List<RowChange> rows);

    /** As {@link #onRows(SnapshotRange, List)}, with the size of the rows' COPY text (to bound buffers by bytes). */
    default void onRows(SnapshotRange range, List<RowChange> rows, long sourceBytes) {
        onRows(range, rows);
    }

    /** Every row of the range has been handed to {@link #onRows}. */
    void onRangeDone(SnapshotRange range, long rows);
}
