package dev.pipedeck.sink;

import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableSchema;

import java.util.List;

/**
 * Where a pipe's rows land. Failures are {@link dev.pipedeck.change.PipeDeckException}s classified TRANSIENT
 * (retry) or PERMANENT (the message says what to fix). Not thread-safe unless the implementation says so.
 */
public interface Destination extends AutoCloseable {
    /** Connects and checks credentials and database; returns a short description (e.g. "ClickHouse 18.16.1"). */
    String check();

    /**
     * Creates each destination table in the ClickPipe layout, or verifies that an existing one is compatible
     * (an incompatible one is a PERMANENT failure, never dropped).
     */
    void prepare(List<TableTarget> tables);

    /**
     * Sentences naming each column of {@code schema} this destination cannot hold (checked before a pipe is created,
     * and again when its tables are prepared); empty when every column fits. Needs no connection.
     */
    default List<String> refusals(TableSchema schema) {
        return List.of();
    }

    /** The source table gained (or lost) columns: add the new ones to the destination table. */
    void evolve(TableTarget table);

    /**
     * Writes the changes durably, in order, with each row's {@code lsn} as its version. Applying the same list twice
     * leaves the deduplicated view unchanged. Returns only once the destination has them.
     */
    void apply(List<RowChange> changes);

    /**
     * Whether {@link #apply} may be called from several threads at once, each call with rows of its own tables or
     * snapshot ranges (the initial copy then writes ranges in parallel instead of one at a time). False unless the
     * implementation says otherwise.
     */
    default boolean concurrentApply() {
        return false;
    }

    @Override
    void close();

    /** A source table and the destination table it lands in. */
    record TableTarget(TableSchema schema, String destinationTable) {}
}
