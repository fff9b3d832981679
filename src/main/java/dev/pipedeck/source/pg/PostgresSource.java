package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Everything the engine asks of a source Postgres. Failures are {@link dev.pipedeck.change.PipeDeckException}s
 * classified TRANSIENT / PERMANENT with a message a data engineer can act on.
 */
public interface PostgresSource {
    /** Every problem that would stop a pipe on these tables; empty when the source is ready. */
    List<SourceProblem> validate(List<TableRef> tables);

    /**
     * Tables the user can pick. {@code hasPrimaryKey}: a primary key or a {@code REPLICA IDENTITY USING INDEX} index,
     * which is what a pipe needs; {@code replicaIdentityFull} alone is not enough (identical rows would become one).
     */
    List<TableInfo> listTables();

    record TableInfo(TableRef table, boolean hasPrimaryKey, boolean replicaIdentityFull, long estimatedRows) {}

    /** Current columns of a table, keys marked. */
    TableSchema readSchema(TableRef table);

    /** Creates the publication if missing, and makes it publish exactly these tables. */
    void ensurePublication(String publication, List<TableRef> tables);

    boolean slotExists(String slot);

    /** Creates a pgoutput slot exporting a snapshot. */
    SlotCreation createSlot(String slot);

    /**
     * Creates a TEMPORARY pgoutput slot exporting a snapshot, for copying tables at one consistent point while the
     * pipe's own slot goes on: the transactions that commit before {@link SlotCreation#consistentPoint()} are exactly
     * those in {@link SlotCreation#snapshotName()}. Closing it drops the slot.
     */
    SlotCreation createTemporarySlot(String slot);

    /** The tables the publication publishes now; empty when it does not exist. */
    List<TableRef> publishedTables(String publication);

    /** Drops slot and publication if they exist (a slot held by a live consumer is terminated first). */
    void drop(String slot, String publication);

    /** Splits tables into ranges, about {@code rangesPerTable} per big table (small tables: one range). */
    List<SnapshotRange> planSnapshot(List<TableRef> tables, int rangesPerTable);

    /** As {@link #planSnapshot(List, int)}, big tables split into ranges of about {@code rowsPerPartition} rows. */
    default List<SnapshotRange> planSnapshot(List<TableRef> tables, int rangesPerTable, long rowsPerPartition) {
        return planSnapshot(tables, rangesPerTable);
    }

    /**
     * Copies the given ranges with {@code parallelism} connections, inside {@code snapshotName} when not null
     * (a snapshot continued after a pause has none: later stream changes override its rows by version).
     * Stops between ranges once {@code stopRequested} says so; returns the ranges fully copied.
     */
    Set<SnapshotRange> copy(List<SnapshotRange> ranges, String snapshotName, int parallelism,
                            SnapshotListener listener, BooleanSupplier stopRequested);

    /**
     * As {@link #copy(List, String, int, SnapshotListener, BooleanSupplier)}, reading at most {@code readersPerTable}
     * ranges of one table and {@code tablesInParallel} tables at the same time.
     */
    default Set<SnapshotRange> copy(List<SnapshotRange> ranges, String snapshotName, int readersPerTable,
                                    int tablesInParallel, SnapshotListener listener, BooleanSupplier stopRequested) {
        return copy(ranges, snapshotName, readersPerTable * tablesInParallel, listener, stopRequested);
    }

    /** Opens the stream on an existing slot from its confirmed position ({@code startLsn} is a floor). */
    ReplicationStream openStream(String slot, String publication, Lsn startLsn);

    /**
     * As {@link #openStream(String, String, Lsn)}, for the slot's rightful reader only (the engine, holding the pipe's
     * claim): while another session still holds the slot — the walsender of a worker that died or lost its claim, which
     * the server has not noticed yet — that session is ended ({@code pg_terminate_backend}) and the start tried again,
     * for up to {@code takeOver}. Then, or when the source user may not end it, it fails as the plain open does.
     */
    default ReplicationStream openStream(String slot, String publication, Lsn startLsn, Duration takeOver) {
        return openStream(slot, publication, startLsn);
    }

    /** Reads the slot's figures; works whether or not anyone is consuming. */
    SlotSample sampleSlot(String slot);

    /**
     * The commit time of the oldest change a slot nobody consumes holds for the publication's tables (peeked; the slot
     * does not move). Fails with a transient error while the slot is in use.
     */
    default PendingCommit oldestPendingCommit(String slot, String publication) {
        return PendingCommit.UNKNOWN;
    }

    /** The size of the server's WAL directory on disk, or -1 when the user may not read it (needs pg_monitor). */
    default long walDirectoryBytes() {
        return -1;
    }

    /** Writes a heartbeat message into the WAL ({@code pg_logical_emit_message}), so an idle pipe does not pin WAL. */
    void heartbeat();
}
