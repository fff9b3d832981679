package dev.pipedeck.testing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowVerifierTest {
    @Test
    void countsLostExtraAndDifferingRowsSeparately() {
        Map<Long, String> source = Map.of(1L, "a", 2L, "b", 3L, "c", 4L, "d");
        Map<Long, String> dest = Map.of(1L, "a", 2L, "B", 4L, "d", 5L, "e", 6L, "f");
        RowVerifier.Report<Long> r = RowVerifier.compare(source, dest);
        assertEquals(1, r.lost());
        assertEquals(2, r.extra());
        assertEquals(1, r.differing());
        assertEquals(List.of(3L), r.lostKeys());
        assertEquals(List.of(2L), r.differingKeys());
        AssertionError e = assertThrows(AssertionError.class, () -> r.assertClean("after the test"));
        assertTrue(e.getMessage().startsWith("after the test: source 4 rows, destination 5 rows: lost 1 (e.g. [3])"),
                e.getMessage());
    }

    @Test
    void identicalSidesAreClean() {
        assertTrue(RowVerifier.compare(Map.of(1L, "a"), Map.of(1L, "a")).assertClean("same").clean());
    }
}
