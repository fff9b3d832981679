package dev.pipedeck.catalog;

/**
 * How a pipe's initial load is split and parallelised, named as the hosted tools name them.
 *
 * @param rowsPerPartition the rows one range of a table holds (by Postgres' estimate); a table is split into
 *                         about {@code rows / rowsPerPartition} ctid ranges (tables under 64 MB stay one range)
 * @param readersPerTable  ranges of one table read at the same time, each on its own connection
 * @param tablesInParallel tables copied at the same time; the copy uses up to
 *                         {@code readersPerTable × tablesInParallel} source connections
 */
public record SnapshotSettings(long rowsPerPartition, int readersPerTable, int tablesInParallel) {
    public static final long DEFAULT_ROWS_PER_PARTITION = 250_000;
    public static final int DEFAULT_READERS_PER_TABLE = 4;
    public static final int DEFAULT_TABLES_IN_PARALLEL = 1;
    /** More source connections than this for one copy is refused: it would exhaust max_connections first. */
    public static final int MAX_CONNECTIONS = 64;

    public static SnapshotSettings defaults() {
        return new SnapshotSettings(DEFAULT_ROWS_PER_PARTITION, DEFAULT_READERS_PER_TABLE, DEFAULT_TABLES_IN_PARALLEL);
    }

    /** Throws IllegalArgumentException with a sentence that names the setting when a value is out of range. */
    public SnapshotSettings {
        if (rowsPerPartition < 1_000) {
            throw new IllegalArgumentException("rows per partition must be at least 1,000 (got " + rowsPerPartition + ")");
        }
        if (readersPerTable < 1 || tablesInParallel < 1) {
            throw new IllegalArgumentException("parallel readers per table and tables copied in parallel must be at "
                    + "least 1 (got " + readersPerTable + " and " + tablesInParallel + ")");
        }
        if ((long) readersPerTable * tablesInParallel > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("parallel readers per table × tables copied in parallel must be at most "
                    + MAX_CONNECTIONS + " source connections (got " + readersPerTable + " × " + tablesInParallel + ")");
        }
    }

    /** {@code 250,000 rows per partition, 4 readers per table, 1 table at a time}. */
    public String describe() {
        return String.format("%,d rows per partition, %d reader%s per table, %d table%s at a time", rowsPerPartition,
                readersPerTable, readersPerTable == 1 ? "" : "s", tablesInParallel, tablesInParallel == 1 ? "" : "s");
    }
}
