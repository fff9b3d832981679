package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.TableRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotMonitorTest {
    private static final TableRef T = new TableRef("public", "events");

    @Test
    void retainedWalGrowsWhileIdleAndBacklogShrinksAfterConfirm() throws Exception {
        SourceFixture f = new SourceFixture("slot_monitor");
        SlotSample missing = f.source.sampleSlot(f.slot());
        assertFalse(missing.exists());
        assertEquals(-1, missing.retainedWalBytes());

        f.exec("CREATE TABLE events (id int PRIMARY KEY, payload text)");
        f.source.ensurePublication("pub", List.of(T));
        f.source.createSlot(f.slot()).close();
        SlotSample s0 = f.source.sampleSlot(f.slot());
        assertTrue(s0.exists());
        assertFalse(s0.active());
        assertFalse(s0.isLost());
        assertEquals("reserved", s0.walStatus());
        assertEquals(-1, s0.maxSlotWalKeepSizeBytes());

        f.exec("INSERT INTO events SELECT g, repeat('p', 200) FROM generate_series(1, 5000) g");
        SlotSample s1 = f.source.sampleSlot(f.slot());
        assertTrue(s1.retainedWalBytes() > s0.retainedWalBytes() + 1_000_000,
                "retained grows: " + s0.retainedWalBytes() + " -> " + s1.retainedWalBytes());
        assertTrue(s1.backlogBytes() > 1_000_000, "backlog: " + s1.backlogBytes());
        assertEquals(s1.currentLsn() - s1.confirmedFlushLsn(), s1.backlogBytes());

        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            List<SourceEvent> ev = f.drain(s);
            assertTrue(f.source.sampleSlot(f.slot()).active());
            SourceEvent.Commit last = (SourceEvent.Commit) ev.stream().filter(e -> e instanceof SourceEvent.Commit)
                    .reduce((a, b) -> b).orElseThrow();
            s.confirm(new Lsn(last.endLsn()));
            SlotSample s2 = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                s2 = f.source.sampleSlot(f.slot());
                if (s2.confirmedFlushLsn() >= last.endLsn()) {
                    break;
                }
                s.poll(Duration.ofMillis(100));
            }
            assertTrue(s2.confirmedFlushLsn() >= last.endLsn(), "server saw the confirmation");
            assertTrue(s2.backlogBytes() < s1.backlogBytes() - 1_000_000,
                    "backlog shrinks: " + s1.backlogBytes() + " -> " + s2.backlogBytes());
        }
    }
}
