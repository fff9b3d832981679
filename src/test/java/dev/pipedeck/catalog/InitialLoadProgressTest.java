package dev.pipedeck.catalog;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitialLoadProgressTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private static TableCounter counter(String table, long copied, long estimated, boolean done) {
        return new TableCounter(table, table.substring(table.indexOf('.') + 1), new TableCounts(0, 0, 0, copied),
                estimated, done);
    }

    private static SyncBatch snapshotBatch(long id, Instant start, Instant end, Map<String, Long> rows) {
        Map<String, TableCounts> byTable = new java.util.LinkedHashMap<>();
        rows.forEach((t, n) -> byTable.put(t, new TableCounts(0, 0, 0, n)));
        return new SyncBatch(id, 1, SyncBatch.Kind.SNAPSHOT, 0, 0, start, end, byTable, null, null);
    }

    @Test
    void rateAndTimeLeftPerTableAndForThePipe() {
        List<TableCounter> counters = List.of(counter("public.a", 600_000, 1_000_000, false),
                counter("public.b", 200_000, 200_000, true), counter("public.c", 100_000, 1_100_000, false));
        List<SyncBatch> batches = List.of(
                // outside the 30 s window: ignored
                snapshotBatch(1, NOW.minusSeconds(60), NOW.minusSeconds(40), Map.of("public.a", 999_999L)),
                snapshotBatch(2, NOW.minusSeconds(35), NOW.minusSeconds(20), Map.of("public.a", 200_000L, "public.c", 50_000L)),
                snapshotBatch(3, NOW.minusSeconds(20), NOW.minusSeconds(1), Map.of("public.a", 100_000L, "public.c", 100_000L)),
                new SyncBatch(4, 1, SyncBatch.Kind.CDC, 0, 0, NOW.minusSeconds(5), NOW, Map.of("public.a",
                        new TableCounts(77, 0, 0, 0)), null, null));
        InitialLoadProgress p = InitialLoadProgress.of(counters, batches, NOW);
        InitialLoadProgress.Table a = p.tables().get(0);
        assertEquals(10_000, a.rowsPerSecond(), 1e-6); // 300,000 rows over the 30 s window
        assertEquals(40L, a.secondsLeft()); // 400,000 left at 10,000 rows/s
        assertEquals("600,000 of ~1,000,000 rows (60%), 10,000 rows/s, 40 s left", a.text());
        InitialLoadProgress.Table b = p.tables().get(1);
        assertTrue(b.done());
        assertEquals(0L, b.secondsLeft());
        assertEquals("done (200,000 rows)", b.text());
        InitialLoadProgress.Table c = p.tables().get(2);
        assertEquals(5_000, c.rowsPerSecond(), 1e-6);
        assertEquals(200L, c.secondsLeft());
        InitialLoadProgress.Table total = p.total();
        assertFalse(p.done());
        assertEquals(900_000, total.rowsCopied());
        assertEquals(2_300_000, total.rowsEstimated());
        assertEquals(15_000, total.rowsPerSecond(), 1e-6);
        assertEquals(94L, total.secondsLeft()); // 1,400,000 left at 15,000 rows/s, rounded up
        assertEquals("1 min 34 s", InitialLoadProgress.duration(94));
    }

    @Test
    void aCopyThatJustStartedIsMeasuredSinceItsFirstBatch() {
        InitialLoadProgress p = InitialLoadProgress.of(List.of(counter("public.a", 50_000, 1_000_000, false)),
                List.of(snapshotBatch(1, NOW.minusSeconds(5), NOW.minusSeconds(1), Map.of("public.a", 50_000L))), NOW);
        assertEquals(10_000, p.total().rowsPerSecond(), 1e-6);
        assertEquals(95L, p.total().secondsLeft());
    }

    @Test
    void aPausedCopyHasNoRateAndNoTimeLeft() {
        InitialLoadProgress p = InitialLoadProgress.of(List.of(counter("public.a", 50_000, 1_000_000, false)),
                List.of(), NOW);
        assertEquals(0, p.total().rowsPerSecond());
        assertNull(p.total().secondsLeft());
        assertEquals("50,000 of ~1,000,000 rows (5%), no rows in the last 30 s", p.total().text());
    }

    @Test
    void anEstimateBelowTheRowsCopiedIsRaisedAndNoPlanIsNotDone() {
        InitialLoadProgress p = InitialLoadProgress.of(List.of(counter("public.a", 1_200, 1_000, false)), List.of(), NOW);
        assertEquals(1_200, p.tables().get(0).rowsEstimated());
        assertFalse(InitialLoadProgress.of(List.of(), List.of(), NOW).done());
    }
}
