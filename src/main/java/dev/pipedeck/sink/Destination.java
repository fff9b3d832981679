package dev.pipedeck.sink;

import dev.pipedeck.change.CopyTextRows;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableSchema;

import java.util.List;
import java.util.Map;

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

    /**
     * Sentences saying why an existing destination table cannot take this source table (engine, order key, missing
     * columns), so {@code pipe create} can refuse before anything is stored; empty when the table does not exist yet or
     * fits. Creates and changes nothing.
     */
    default List<String> conflicts(TableTarget target) {
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

    /**
     * Whether this table's initial copy can be written from Postgres' COPY text ({@link #applyCopyText}) instead of
     * decoded rows. False unless the implementation says otherwise; asked before each snapshot range.
     */
    default boolean takesCopyText(TableSchema schema) {
        return false;
    }

    /**
     * Writes snapshot rows (version 0) given as COPY text, all of one table that {@link #takesCopyText} accepted, with
     * the same result as {@link #apply} of the same rows decoded. Thread-safety as {@link #apply}.
     */
    default void applyCopyText(List<CopyTextRows> chunks) {
        throw new UnsupportedOperationException("this destination takes decoded rows only");
    }

    /** What a resync's shadow table is called: the live table's name plus this ({@code orders_resync}). */
    String SHADOW_SUFFIX = "_resync";

    static String shadowOf(String liveTable) {
        return liveTable + SHADOW_SUFFIX;
    }

    /**
     * Drops a resync's shadow table (and what belongs to it) if it exists: one left by an interrupted resync. Refuses
     * any name that does not end in {@link #SHADOW_SUFFIX}: a live table is never dropped this way.
     */
    void dropShadow(String shadowTable);

    /**
     * Puts each shadow table in place of its live table (key: live name, value: its shadow) in one step, then drops
     * the replaced tables. A reader sees the old tables or the new ones, never a missing or half-filled table (as far
     * as the destination allows: see the implementations). A live table that does not exist yet is simply created by
     * the rename.
     */
    void swapIn(Map<String, String> liveToShadow);

    @Override
    void close();

    /** A source table and the destination table it lands in. */
    record TableTarget(TableSchema schema, String destinationTable) {}
}
