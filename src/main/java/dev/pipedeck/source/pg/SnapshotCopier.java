package dev.pipedeck.source.pg;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.CopyTextRows;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.source.pg.codec.TypeCodecs;
import dev.pipedeck.source.pg.codec.ValueCodec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The initial copy: ranges of ctid pages read with {@code COPY (SELECT ...) TO STDOUT} in parallel, each worker in
 * one REPEATABLE READ transaction that imports the slot's exported snapshot, so the copy sees exactly the data the
 * slot's stream starts after.
 */
final class SnapshotCopier {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCopier.class);
    static final int CHUNK_ROWS = 10_000;
    /** A COPY-text chunk also ends at this size, so wide rows do not make one huge array. */
    static final int CHUNK_BYTES = 4 << 20;
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[0-9A-Fa-f-]+");

    private final PgConnections connections;
    private final CatalogReader catalog;

    SnapshotCopier(PgConnections connections, CatalogReader catalog) {
        this.connections = connections;
        this.catalog = catalog;
    }

    /** Any {@code parallelism} ranges at once, of whichever tables. */
    Set<SnapshotRange> copy(List<SnapshotRange> ranges, String snapshotName, int parallelism,
                            SnapshotListener listener, BooleanSupplier stopRequested) {
        return copy(ranges, snapshotName, parallelism, Integer.MAX_VALUE / Math.max(1, parallelism), parallelism,
                listener, stopRequested);
    }

    /** At most {@code readersPerTable} ranges of one table and {@code tablesInParallel} tables at once. */
    Set<SnapshotRange> copy(List<SnapshotRange> ranges, String snapshotName, int readersPerTable, int tablesInParallel,
                            SnapshotListener listener, BooleanSupplier stopRequested) {
        return copy(ranges, snapshotName, readersPerTable, tablesInParallel, Integer.MAX_VALUE, listener, stopRequested);
    }

    private Set<SnapshotRange> copy(List<SnapshotRange> ranges, String snapshotName, int readersPerTable,
                                    int tablesInParallel, int maxThreads, SnapshotListener listener,
                                    BooleanSupplier stopRequested) {
        if (snapshotName != null && !SNAPSHOT_NAME.matcher(snapshotName).matches()) {
            throw PipeDeckException.permanent("Invalid exported snapshot name: " + snapshotName);
        }
        Map<TableRef, TableSchema> schemas = readSchemas(ranges);
        RangeScheduler queue = new RangeScheduler(ranges, readersPerTable, tablesInParallel);
        Set<SnapshotRange> done = ConcurrentHashMap.newKeySet();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        int workers = Math.max(1, Math.min(maxThreads, queue.maxReaders()));
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                try {
                    work(queue, schemas, snapshotName, listener, stopRequested, done, failure);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "pipedeck-copy-" + w);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, PipeDeckException.transientFailure("interrupted during the copy", e));
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return done;
    }

    private Map<TableRef, TableSchema> readSchemas(List<SnapshotRange> ranges) {
        Map<TableRef, TableSchema> out = new HashMap<>();
        try (Connection c = connections.open("reading table schemas")) {
            for (SnapshotRange r : ranges) {
                if (!out.containsKey(r.table())) {
                    out.put(r.table(), catalog.readSchema(c, r.table()));
                }
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, "reading table schemas", connections.config());
        }
        return out;
    }

    private void work(RangeScheduler queue, Map<TableRef, TableSchema> schemas,
                      String snapshotName, SnapshotListener listener, BooleanSupplier stopRequested,
                      Set<SnapshotRange> done, AtomicReference<RuntimeException> failure) {
        if (stopRequested.getAsBoolean()) {
            return;
        }
        BooleanSupplier stop = () -> failure.get() != null || stopRequested.getAsBoolean();
        try (Connection c = connections.open("copying the initial snapshot")) {
            // An explicit BEGIN (autocommit on) so that SET TRANSACTION SNAPSHOT is certainly the transaction's first
            // statement; the driver would otherwise issue its own statements around isolation changes.
            try (Statement st = c.createStatement()) {
                // timestamptz text in UTC: the form a destination can take as it is (values are the same in any zone)
                st.execute("SET TIME ZONE 'UTC'");
                st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
                if (snapshotName != null) {
                    st.execute("SET TRANSACTION SNAPSHOT '" + snapshotName + "'"); // validated: hex and dashes only
                }
            }
            SnapshotRange range;
            while ((range = queue.next(stop)) != null) {
                try {
                    TableSchema schema = schemas.get(range.table());
                    long rows = listener.wantsCopyText(schema) ? copyRangeText(c, range, schema, listener)
                            : copyRange(c, range, schema, listener);
                    listener.onRangeDone(range, rows);
                    done.add(range);
                } finally {
                    queue.finished(range);
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("COMMIT");
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, "copying the initial snapshot", connections.config());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PipeDeckException.transientFailure("interrupted during the copy", e);
        }
    }

    private long copyRange(Connection c, SnapshotRange range, TableSchema schema, SnapshotListener listener)
            throws SQLException {
        List<ColumnSpec> cols = schema.columns();
        ValueCodec[] codecs = cols.stream().map(TypeCodecs::forColumn).toArray(ValueCodec[]::new);
        CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql(range, schema));
        long rows = 0;
        long bytes = 0;
        List<RowChange> chunk = new ArrayList<>();
        byte[] line;
        while ((line = out.readFromCopy()) != null) {
            bytes += line.length;
            String[] fields = CopyTextParser.parse(line, cols.size());
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = fields[i] == null ? null : codecs[i].decode(fields[i]);
            }
            chunk.add(new RowChange(ChangeKind.SNAPSHOT, schema, values, 0, 0, null));
            rows++;
            if (chunk.size() >= CHUNK_ROWS) {
                listener.onRows(range, chunk, bytes);
                chunk = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!chunk.isEmpty()) {
            listener.onRows(range, chunk, bytes);
        }
        LOG.debug("copied {} rows of {} range {}", rows, range.table(), range.index());
        return rows;
    }

    /**
     * The range as COPY text, in chunks handed on as they are (one array copy per row, no value decoded): for a
     * destination that turns the text into its insert format itself.
     */
    private long copyRangeText(Connection c, SnapshotRange range, TableSchema schema, SnapshotListener listener)
            throws SQLException {
        CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql(range, schema));
        CopyFieldDecoder decoder = new CopyFieldDecoder(schema);
        long rows = 0;
        byte[] buf = new byte[1 << 20];
        int len = 0;
        int chunkRows = 0;
        byte[] line;
        while ((line = out.readFromCopy()) != null) {
            int n = line.length;
            boolean terminated = n > 0 && line[n - 1] == '\n';
            if (len + n + 1 > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n + 1));
            }
            System.arraycopy(line, 0, buf, len, n);
            len += n;
            if (!terminated) {
                buf[len++] = '\n';
            }
            chunkRows++;
            rows++;
            if (chunkRows >= CHUNK_ROWS || len >= CHUNK_BYTES) {
                listener.onCopyText(range, new CopyTextRows(schema, buf, len, chunkRows, decoder));
                buf = new byte[Math.max(1 << 20, len + (len >> 3))];
                len = 0;
                chunkRows = 0;
            }
        }
        if (chunkRows > 0) {
            listener.onCopyText(range, new CopyTextRows(schema, buf, len, chunkRows, decoder));
        }
        LOG.debug("copied {} rows of {} range {} as COPY text", rows, range.table(), range.index());
        return rows;
    }

    private static String copySql(SnapshotRange range, TableSchema schema) {
        return "COPY (SELECT " + schema.columns().stream().map(col -> TableRef.quoteIdent(col.name()))
                .collect(Collectors.joining(", ")) + " FROM " + range.table().quoted() + where(range) + ") TO STDOUT";
    }

    /** ctid page bounds; page numbers are parsed as numbers so nothing but digits reaches the SQL. */
    static String where(SnapshotRange r) {
        long lower = r.lower() == null || r.lower().isEmpty() ? 0 : Long.parseLong(r.lower());
        Long upper = r.upper() == null || r.upper().isEmpty() ? null : Long.parseLong(r.upper());
        if (lower == 0 && upper == null) {
            return "";
        }
        String w = " WHERE ctid >= '(" + lower + ",0)'::tid";
        return upper == null ? w : w + " AND ctid < '(" + upper + ",0)'::tid";
    }
}
