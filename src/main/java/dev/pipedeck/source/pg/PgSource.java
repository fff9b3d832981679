package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The Postgres source: catalog reads, slot and publication management, the initial copy and the pgoutput stream.
 * Stateless apart from a type cache; every call opens the connections it needs and closes them.
 */
public final class PgSource implements PostgresSource {
    /**
     * Tuning. {@code statusInterval}: how often the stream reports its position (well below wal_sender_timeout).
     * {@code minPagesToSplit}: tables smaller than this many 8 kB pages are copied as one range.
     */
    public record Options(Duration statusInterval, long minPagesToSplit) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), SnapshotPlanner.SMALL_TABLE_PAGES);
        }

        public Options withStatusInterval(Duration interval) {
            return new Options(interval, minPagesToSplit);
        }

        public Options withMinPagesToSplit(long pages) {
            return new Options(statusInterval, pages);
        }
    }

    public static final String HEARTBEAT_PREFIX = "pipedeck_heartbeat";

    private final PgConnections connections;
    private final Options options;
    private final CatalogReader catalog = new CatalogReader(new TypeResolver());
    private final SlotAndPublication slots;

    public PgSource(SourceConfig config) {
        this(config, Options.defaults());
    }

    public PgSource(SourceConfig config, Options options) {
        this.connections = new PgConnections(config);
        this.options = options;
        this.slots = new SlotAndPublication(connections);
    }

    @Override
    public List<SourceProblem> validate(List<TableRef> tables) {
        return new SourceValidator(connections).validate(tables);
    }

    @Override
    public List<TableInfo> listTables() {
        try (Connection c = connections.open("listing tables")) {
            return catalog.listTables(c);
        } catch (SQLException e) {
            throw PgErrors.map(e, "listing tables", connections.config());
        }
    }

    @Override
    public TableSchema readSchema(TableRef table) {
        try (Connection c = connections.open("reading the schema of " + table)) {
            return catalog.readSchema(c, table);
        } catch (SQLException e) {
            throw PgErrors.map(e, "reading the schema of " + table, connections.config());
        }
    }

    @Override
    public void ensurePublication(String publication, List<TableRef> tables) {
        slots.ensurePublication(publication, tables);
    }

    @Override
    public boolean slotExists(String slot) {
        return slots.slotExists(slot);
    }

    @Override
    public SlotCreation createSlot(String slot) {
        return slots.createSlot(slot);
    }

    @Override
    public SlotCreation createTemporarySlot(String slot) {
        return slots.createTemporarySlot(slot);
    }

    @Override
    public List<TableRef> publishedTables(String publication) {
        return slots.publishedTables(publication);
    }

    @Override
    public void drop(String slot, String publication) {
        slots.drop(slot, publication);
    }

    @Override
    public List<SnapshotRange> planSnapshot(List<TableRef> tables, int rangesPerTable) {
        return new SnapshotPlanner(connections, options.minPagesToSplit()).plan(tables, rangesPerTable);
    }

    @Override
    public List<SnapshotRange> planSnapshot(List<TableRef> tables, int rangesPerTable, long rowsPerPartition) {
        return new SnapshotPlanner(connections, options.minPagesToSplit()).plan(tables, rangesPerTable, rowsPerPartition);
    }

    @Override
    public Set<SnapshotRange> copy(List<SnapshotRange> ranges, String snapshotName, int parallelism,
                                   SnapshotListener listener, BooleanSupplier stopRequested) {
        return new SnapshotCopier(connections, catalog).copy(ranges, snapshotName, parallelism, listener, stopRequested);
    }

    @Override
    public Set<SnapshotRange> copy(List<SnapshotRange> ranges, String snapshotName, int readersPerTable,
                                   int tablesInParallel, SnapshotListener listener, BooleanSupplier stopRequested) {
        return new SnapshotCopier(connections, catalog).copy(ranges, snapshotName, readersPerTable, tablesInParallel,
                listener, stopRequested);
    }

    @Override
    public ReplicationStream openStream(String slot, String publication, Lsn startLsn) {
        return PgReplicationStream.open(connections, slot, publication, startLsn, options.statusInterval(), Duration.ZERO);
    }

    @Override
    public ReplicationStream openStream(String slot, String publication, Lsn startLsn, Duration takeOver) {
        return PgReplicationStream.open(connections, slot, publication, startLsn, options.statusInterval(), takeOver);
    }

    @Override
    public SlotSample sampleSlot(String slot) {
        return new SlotMonitor(connections).sample(slot);
    }

    @Override
    public PendingCommit oldestPendingCommit(String slot, String publication) {
        return new PendingChanges(connections).oldest(slot, publication);
    }

    @Override
    public long walDirectoryBytes() {
        try (Connection c = connections.open("reading the WAL directory's size");
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(sum(size), 0) FROM pg_ls_waldir()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1; // pg_ls_waldir needs superuser or pg_monitor: the forecast falls back to the slot's retained WAL
        }
    }

    @Override
    public void heartbeat() {
        try (Connection c = connections.open("writing a heartbeat");
             PreparedStatement ps = c.prepareStatement("SELECT pg_logical_emit_message(false, ?, '')")) {
            ps.setString(1, HEARTBEAT_PREFIX);
            ps.execute();
        } catch (SQLException e) {
            throw PgErrors.map(e, "writing a heartbeat", connections.config());
        }
    }
}
