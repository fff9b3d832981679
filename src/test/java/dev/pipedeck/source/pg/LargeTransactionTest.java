package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.TableRef;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 1,000,000-row transaction streams through without being buffered. */
class LargeTransactionTest {
    private static final int ROWS = 1_000_000;

    @Test
    void millionRowTransactionStreamsWithBoundedHeap() {
        SourceFixture f = new SourceFixture("big_tx");
        f.exec("CREATE TABLE big (id bigint PRIMARY KEY, payload text, n int)");
        f.source.ensurePublication("pub", List.of(new TableRef("public", "big")));
        f.source.createSlot(f.slot()).close();
        // ~ 1M x 150 bytes of payload: buffering the transaction would need several hundred MB of heap
        f.exec("INSERT INTO big SELECT g, repeat(md5(g::text), 4), g FROM generate_series(1, " + ROWS + ") g");
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = mem.getHeapMemoryUsage().getUsed();
        long peak = 0;
        long count = 0;
        long expectedNext = 1;
        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (count < ROWS && System.nanoTime() < deadline) {
                SourceEvent e = s.poll(Duration.ofSeconds(1));
                if (e instanceof SourceEvent.Change c) {
                    assertEquals(expectedNext++, c.change().value(0));
                    count++;
                    if (count % 200_000 == 0) {
                        System.gc();
                        peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed() - baseline);
                    }
                }
            }
        }
        assertEquals(ROWS, count);
        assertTrue(peak < 100L * 1024 * 1024, "heap grew by " + peak / (1024 * 1024) + " MB while streaming");
    }
}
