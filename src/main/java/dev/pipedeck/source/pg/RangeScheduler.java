package dev.pipedeck.source.pg;

import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableRef;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Hands the copy's ranges to its reader threads so that at most {@code readersPerTable} ranges of one table and at
 * most {@code tablesInParallel} tables are read at the same time; tables are started in the order of the plan.
 */
final class RangeScheduler {
    private final Map<TableRef, Deque<SnapshotRange>> pending = new LinkedHashMap<>();
    private final Map<TableRef, Integer> readers = new HashMap<>();
    private final Set<TableRef> active = new LinkedHashSet<>();
    private final int readersPerTable;
    private final int tablesInParallel;

    RangeScheduler(List<SnapshotRange> ranges, int readersPerTable, int tablesInParallel) {
        for (SnapshotRange r : ranges) {
            pending.computeIfAbsent(r.table(), t -> new ArrayDeque<>()).add(r);
        }
        this.readersPerTable = Math.max(1, readersPerTable);
        this.tablesInParallel = Math.max(1, tablesInParallel);
    }

    /** Threads that can ever be busy at once. */
    int maxReaders() {
        int ranges = pending.values().stream().mapToInt(Deque::size).sum();
        long byLimits = (long) readersPerTable * Math.min(tablesInParallel, Math.max(1, pending.size()));
        return (int) Math.max(1, Math.min(ranges, byLimits));
    }

    /**
     * The next range to read, waiting while the limits allow none; null when every range has been handed out or
     * {@code stop} says so.
     */
    synchronized SnapshotRange next(BooleanSupplier stop) throws InterruptedException {
        while (!stop.getAsBoolean()) {
            SnapshotRange r = take();
            if (r != null) {
                return r;
            }
            if (pending.values().stream().allMatch(Deque::isEmpty)) {
                return null;
            }
            wait(200); // until a reader finishes (or to look at stop again)
        }
        return null;
    }

    private SnapshotRange take() {
        for (TableRef t : active) {
            if (readers.getOrDefault(t, 0) < readersPerTable && !pending.get(t).isEmpty()) {
                return start(t);
            }
        }
        if (active.size() < tablesInParallel) {
            for (Map.Entry<TableRef, Deque<SnapshotRange>> e : pending.entrySet()) {
                if (!active.contains(e.getKey()) && !e.getValue().isEmpty()) {
                    active.add(e.getKey());
                    return start(e.getKey());
                }
            }
        }
        return null;
    }

    private SnapshotRange start(TableRef t) {
        readers.merge(t, 1, Integer::sum);
        return pending.get(t).poll();
    }

    /** A reader is done with {@code range} (copied or not): its table may make room for another. */
    synchronized void finished(SnapshotRange range) {
        TableRef t = range.table();
        int n = readers.merge(t, -1, Integer::sum);
        if (n <= 0 && pending.get(t).isEmpty()) {
            active.remove(t);
        }
        notifyAll();
    }
}
