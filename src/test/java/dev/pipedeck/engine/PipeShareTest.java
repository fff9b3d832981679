package dev.pipedeck.engine;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PipeShareTest {
    private static Map<String, Integer> caps(Object... idAndCap) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < idAndCap.length; i += 2) {
            m.put((String) idAndCap[i], (Integer) idAndCap[i + 1]);
        }
        return m;
    }

    @Test
    void evenShareWithoutLimits() {
        assertEquals(4, PipeShare.limit(12, caps("a", null, "b", null, "c", null), "a", null));
        assertEquals(5, PipeShare.limit(13, caps("a", null, "b", null, "c", null), "b", null));
        assertEquals(12, PipeShare.limit(12, caps(), "a", null), "alone it takes them all");
        assertEquals(6, PipeShare.limit(12, caps("b", null), "a", null), "not yet registered: counts as one more");
        assertEquals(0, PipeShare.limit(0, caps("a", null), "a", null));
    }

    @Test
    void aLimitedWorkerLeavesTheRestToOthers() {
        // a holds at most 2: b and c share the other 10
        assertEquals(2, PipeShare.limit(12, caps("a", 2, "b", null, "c", null), "a", 2));
        assertEquals(5, PipeShare.limit(12, caps("a", 2, "b", null, "c", null), "b", null));
        // everyone full: each holds its limit, the rest waits for another worker
        assertEquals(3, PipeShare.limit(12, caps("a", 3, "b", 3), "a", 3));
    }
}
