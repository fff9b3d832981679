package dev.pipedeck.engine;

import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.catalog.TableCounts;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Changes collected for one write to the destination, with what the catalog records about them. A batch may end in
 * the middle of a large transaction (to bound memory): then it has no complete transaction and confirms nothing.
 */
final class ChangeBatch {
    private final List<RowChange> changes = new ArrayList<>();
    private final List<RowChange> second = new ArrayList<>();
    private final Map<String, long[]> counts = new HashMap<>();
    private final SyncBatch.Kind kind;
    private Instant startedAt;
    private long firstLsn = -1;
    private long lastLsn;
    private Long confirmLsn;
    private Long commitLsn;
    private Instant commitTime;
    private long heapBytes;

    ChangeBatch(SyncBatch.Kind kind) {
        this.kind = kind;
    }

    /** Adds a change that holds about {@code heapBytes} of memory (see {@link #heapBytes()}). */
    void add(RowChange c, long heapBytes) {
        this.heapBytes += heapBytes;
        add(c);
    }

    /** About how much memory the changes held by this batch take (those added with a size). */
    long heapBytes() {
        return heapBytes;
    }

    void add(RowChange c) {
        if (startedAt == null) {
            startedAt = Instant.now();
        }
        changes.add(c);
        if (c.lsn() != 0 && (firstLsn < 0 || Long.compareUnsigned(c.lsn(), firstLsn) < 0)) {
            firstLsn = c.lsn();
        }
        if (Long.compareUnsigned(c.lsn(), lastLsn) > 0) {
            lastLsn = c.lsn();
        }
        long[] n = counts.computeIfAbsent(c.schema().table().toString(), k -> new long[4]);
        switch (c.kind()) {
            case INSERT -> n[0]++;
            case UPDATE -> n[1]++;
            case DELETE -> n[2]++;
            case SNAPSHOT -> n[3]++;
            case TRUNCATE -> { }
        }
    }

    /** Counts {@code rows} snapshot rows of {@code table} written without RowChange objects (COPY text). */
    void addSnapshotRows(TableRef table, long rows) {
        if (startedAt == null) {
            startedAt = Instant.now();
        }
        counts.computeIfAbsent(table.toString(), k -> new long[4])[3] += rows;
    }

    /** A source transaction ended: everything up to {@code endLsn} can be confirmed once this batch is safe. */
    void commit(long commitLsn, long endLsn, Instant commitTime) {
        if (startedAt == null) {
            startedAt = Instant.now();
        }
        this.commitLsn = commitLsn;
        this.confirmLsn = endLsn;
        this.commitTime = commitTime;
        if (Long.compareUnsigned(endLsn, lastLsn) > 0) {
            lastLsn = endLsn;
        }
    }

    /**
     * A change that also goes to a second target: the shadow of a table being resynced (the dual write). Not counted:
     * the counters are the live table's.
     */
    void addSecond(RowChange c) {
        if (startedAt == null) {
            startedAt = Instant.now();
        }
        second.add(c);
    }

    /** The changes for the second target, in stream order. */
    List<RowChange> secondChanges() {
        return second;
    }

    List<RowChange> changes() {
        return changes;
    }

    int size() {
        return changes.size();
    }

    boolean isEmpty() {
        return changes.isEmpty() && second.isEmpty() && confirmLsn == null;
    }

    /** End of the last complete transaction, or null. */
    Long confirmLsn() {
        return confirmLsn;
    }

    SyncBatch toRecord(long pipeId) {
        Map<String, TableCounts> byTable = new TreeMap<>();
        counts.forEach((t, n) -> byTable.put(t, new TableCounts(n[0], n[1], n[2], n[3])));
        long start = firstLsn < 0 ? lastLsn : firstLsn;
        return new SyncBatch(0, pipeId, kind, start, lastLsn, startedAt == null ? Instant.now() : startedAt, Instant.now(),
                byTable, commitLsn, commitTime);
    }
}
