package dev.pipedeck.change;

/**
 * One independently copyable part of a table's initial copy. {@code lower}/{@code upper} are opaque to the engine
 * (the source decides: e.g. ctid pages); the engine stores them in the catalog to continue a snapshot after a pause.
 */
public record SnapshotRange(TableRef table, int index, String lower, String upper, long estimatedRows) {
}
