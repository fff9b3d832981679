package dev.pipedeck.source.pg;

import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RangeSchedulerTest {
    private static List<SnapshotRange> ranges(String table, int n) {
        List<SnapshotRange> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SnapshotRange(new TableRef("public", table), i, Integer.toString(i), null, 10));
        }
        return out;
    }

    @Test
    void readersPerTableAndTablesInParallelAreLimits() throws Exception {
        List<SnapshotRange> all = new ArrayList<>();
        all.addAll(ranges("a", 5));
        all.addAll(ranges("b", 5));
        all.addAll(ranges("c", 2));
        RangeScheduler s = new RangeScheduler(all, 2, 2);
        assertEquals(4, s.maxReaders());
        // sequentially: a, a (limit 2 for a), then b, b (second table), then nothing until one finishes
        SnapshotRange a0 = s.next(() -> false);
        SnapshotRange a1 = s.next(() -> false);
        SnapshotRange b0 = s.next(() -> false);
        SnapshotRange b1 = s.next(() -> false);
        assertEquals(List.of("a", "a", "b", "b"), List.of(a0, a1, b0, b1).stream().map(r -> r.table().name()).toList());
        AtomicInteger calls = new AtomicInteger();
        assertNull(s.next(() -> calls.incrementAndGet() > 2), "all four slots busy: nothing to hand out");
        s.finished(a0);
        assertEquals("a", s.next(() -> false).table().name());
    }

    @Test
    void manyThreadsNeverExceedTheLimitsAndCopyEveryRangeOnce() throws Exception {
        List<SnapshotRange> all = new ArrayList<>();
        for (String t : List.of("a", "b", "c", "d")) {
            all.addAll(ranges(t, 6));
        }
        RangeScheduler s = new RangeScheduler(all, 3, 2);
        Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
        Set<SnapshotRange> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger maxPerTable = new AtomicInteger();
        AtomicInteger maxTables = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < s.maxReaders(); i++) {
            Thread th = new Thread(() -> {
                try {
                    SnapshotRange r;
                    while ((r = s.next(() -> false)) != null) {
                        assertTrue(seen.add(r), "handed out twice: " + r);
                        int n = busy.computeIfAbsent(r.table().name(), k -> new AtomicInteger()).incrementAndGet();
                        maxPerTable.accumulateAndGet(n, Math::max);
                        maxTables.accumulateAndGet((int) busy.values().stream().filter(x -> x.get() > 0).count(), Math::max);
                        Thread.sleep(2);
                        busy.get(r.table().name()).decrementAndGet();
                        s.finished(r);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join(30_000);
        }
        assertEquals(24, seen.size());
        assertTrue(maxPerTable.get() <= 3, "readers per table " + maxPerTable);
        assertTrue(maxTables.get() <= 2, "tables at once " + maxTables);
        assertEquals(6, new RangeScheduler(all, 3, 2).maxReaders());
        assertEquals(2, new RangeScheduler(ranges("x", 2), 4, 3).maxReaders());
        new HashMap<>(busy).forEach((k, v) -> assertEquals(0, v.get(), k));
    }
}
