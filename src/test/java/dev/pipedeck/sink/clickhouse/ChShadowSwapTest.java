package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.sink.DestinationUrl;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resync swap on the real server, with readers querying the table in a tight loop: each swap replaces the whole
 * table at once (a reader sees the old rows or the new ones, never a missing or partly filled table).
 */
class ChShadowSwapTest {
    private static final int SWAPS = 30;

    @Test
    void readersNeverSeeAMissingOrPartlyFilledTableDuringSwaps() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("swap_" + System.nanoTime());
        String ddl = " (id Int64, v String, `_peerdb_synced_at` DateTime DEFAULT now(), `_peerdb_is_deleted` Int8, "
                + "`_peerdb_version` Int64) ENGINE = ReplacingMergeTree(`_peerdb_version`) ORDER BY (id)";
        ch.query("CREATE TABLE " + db + ".t" + ddl);
        ch.query("INSERT INTO " + db + ".t (id, v, `_peerdb_is_deleted`, `_peerdb_version`) SELECT number, 'gen0', 0, 1 "
                + "FROM system.numbers LIMIT 10000");
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        Runnable read = () -> {
            while (reading.get()) {
                try {
                    String r = ch.query("SELECT count(), uniqExact(v) FROM " + db + ".t FINAL WHERE _peerdb_is_deleted = 0").strip();
                    reads.incrementAndGet();
                    if (!r.equals("10000\t1")) {
                        problems.add("a reader saw " + r.replace('\t', ' ') + " (rows, generations)");
                    }
                } catch (RuntimeException e) {
                    problems.add("a reader failed: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        };
        Thread r1 = new Thread(read, "swap-reader-1");
        Thread r2 = new Thread(read, "swap-reader-2");
        r1.start();
        r2.start();
        try (ClickHouseDestination d = new ClickHouseDestination(DestinationUrl.parse(ch.url(db)))) {
            for (int gen = 1; gen <= SWAPS; gen++) {
                ch.query("CREATE TABLE " + db + ".t_resync" + ddl);
                ch.query("INSERT INTO " + db + ".t_resync (id, v, `_peerdb_is_deleted`, `_peerdb_version`) SELECT number, "
                        + "'gen" + gen + "', 0, 1 FROM system.numbers LIMIT 10000");
                d.swapIn(Map.of("t", "t_resync"));
                assertEquals("gen" + gen, ch.query("SELECT any(v) FROM " + db + ".t").strip());
            }
            assertThrows(IllegalArgumentException.class, () -> d.dropShadow("t"), "a live table is never dropped as a shadow");
        } finally {
            reading.set(false);
            r1.join(30_000);
            r2.join(30_000);
        }
        assertEquals("0", ch.query("SELECT count() FROM system.tables WHERE database = '" + db + "' AND name != 't'").strip());
        assertTrue(reads.get() > SWAPS, "the readers got " + reads.get() + " answers");
        System.out.println("ChShadowSwapTest: " + reads.get() + " reads during " + SWAPS + " swaps, problems: " + problems.size());
        assertEquals(List.of(), problems.stream().distinct().limit(5).toList(), problems.size() + " of " + reads.get() + " reads");
    }
}
