package dev.pipedeck.source.pg;

import dev.pipedeck.change.CopyTextRows;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableSchema;

import java.util.List;

/** Receives the initial copy. Called from the copier's threads; implementations must be thread-safe. */
public interface SnapshotListener {
    /** A chunk of SNAPSHOT rows of one range (bounded size, e.g. 10,000 rows). */
    void onRows(SnapshotRange range, List<RowChange> rows);

    /** As {@link #onRows(SnapshotRange, List)}, with the size of the rows' COPY text (to bound buffers by bytes). */
    default void onRows(SnapshotRange range, List<RowChange> rows, long sourceBytes) {
        onRows(range, rows);
    }

    /**
     * Whether this table's rows should come as COPY text ({@link #onCopyText}) instead of decoded rows: asked once per
     * range, before it is read.
     */
    default boolean wantsCopyText(TableSchema schema) {
        return false;
    }

    /** A chunk of a range's rows as COPY text (only for tables {@link #wantsCopyText} accepted). */
    default void onCopyText(SnapshotRange range, CopyTextRows rows) {
        throw new UnsupportedOperationException("this listener takes decoded rows only");
    }

    /** Every row of the range has been handed to {@link #onRows}. */
    void onRangeDone(SnapshotRange range, long rows);
}
