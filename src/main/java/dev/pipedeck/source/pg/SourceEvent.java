package dev.pipedeck.source.pg;

import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;

import java.time.Instant;
import java.util.List;

/** What the replication stream hands the engine, in WAL order. */
public sealed interface SourceEvent {
    /** A transaction starts. */
    record Begin(long finalLsn, Instant commitTime, long xid) implements SourceEvent {}

    /**
     * A row changed (INSERT, UPDATE, DELETE or TRUNCATE kinds). {@code heapBytes} estimates what the decoded change
     * holds in memory (from the sizes of its values as sent), so that batches of wide rows can be bounded in bytes.
     */
    record Change(RowChange change, long heapBytes) implements SourceEvent {
        public Change(RowChange change) {
            this(change, 0);
        }
    }

    /**
     * A table's columns are now these (first sight of a relation, or after ALTER TABLE). {@code notice}, when not null,
     * is a sentence for the pipe's status: what the destination cannot get right about the change and what to do.
     */
    record SchemaChanged(TableSchema schema, String notice) implements SourceEvent {
        public SchemaChanged(TableSchema schema) {
            this(schema, null);
        }
    }

    /** Tables truncated in this transaction. */
    record Truncate(List<TableRef> tables, long lsn) implements SourceEvent {}

    /** A transaction committed; {@code endLsn} is the position to confirm once its rows are safe. */
    record Commit(long commitLsn, long endLsn, Instant commitTime) implements SourceEvent {}

    /** A logical decoding message (e.g. PipeDeck's own heartbeat) outside any captured table. */
    record Message(long lsn, String prefix, byte[] content) implements SourceEvent {}
}
