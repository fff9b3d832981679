package dev.pipedeck.change;

import java.time.Instant;

/**
 * One change to one row, as the engine hands it to a destination.
 *
 * <p>{@code values} is aligned with {@code schema.columns()} and holds the decoded Java values
 * described in {@link TypeFamily}. It is always the complete new row for SNAPSHOT, INSERT and UPDATE
 * (the source resolves unchanged TOAST values before emitting), and at least the key columns for DELETE
 * (other columns may be null). {@code lsn} is the change's own WAL position and becomes the row's
 * version in the destination (0 for snapshot rows); it increases within a transaction.
 */
public record RowChange(ChangeKind kind, TableSchema schema, Object[] values, long lsn, long commitLsn,
                        Instant commitTime) {
    public Object value(int column) {
        return values[column];
    }
}
