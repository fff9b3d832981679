package dev.pipedeck.source.pg;

import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SnapshotPlannerTest {
    private static final TableRef T = new TableRef("public", "t");

    @Test
    void smallTableIsOneUnboundedRange() {
        List<SnapshotRange> r = SnapshotPlanner.split(T, 10, 500, 8, 100);
        assertEquals(1, r.size());
        assertEquals("0", r.get(0).lower());
        assertNull(r.get(0).upper());
        assertEquals("", SnapshotCopier.where(r.get(0)));
    }

    @Test
    void bigTableSplitsContiguouslyWithUnboundedLastRange() {
        List<SnapshotRange> r = SnapshotPlanner.split(T, 1000, 100_000, 3, 100);
        assertEquals(3, r.size());
        assertEquals("0", r.get(0).lower());
        assertEquals(r.get(0).upper(), r.get(1).lower());
        assertEquals(r.get(1).upper(), r.get(2).lower());
        assertNull(r.get(2).upper());
        assertEquals(" WHERE ctid >= '(334,0)'::tid AND ctid < '(668,0)'::tid", SnapshotCopier.where(r.get(1)));
        assertEquals(" WHERE ctid >= '(668,0)'::tid", SnapshotCopier.where(r.get(2)));
    }

    @Test
    void rowsPerPartitionDecideTheRangesOfABigTable() {
        assertEquals(17, SnapshotPlanner.rangesFor(27_000, 1_666_666, 100_000));
        assertEquals(7, SnapshotPlanner.rangesFor(27_000, 1_666_666, 250_000));
        assertEquals(1, SnapshotPlanner.rangesFor(27_000, 0, 250_000)); // never analysed: one range
        assertEquals(SnapshotPlanner.MAX_RANGES, SnapshotPlanner.rangesFor(10_000_000, 1_000_000_000, 1_000));
        assertEquals(5, SnapshotPlanner.rangesFor(5, 1_000_000, 1_000)); // at least a page per range
    }
}
