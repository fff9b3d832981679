package dev.pipedeck.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DistributionTest {
    @Test
    void nearestRankPercentilesOfOneToHundred() {
        List<Long> ms = new ArrayList<>();
        for (long i = 100; i >= 1; i--) {
            ms.add(i);
        }
        assertEquals(new Distribution(100, 50, 95, 99, 100), Distribution.of(ms));
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        assertEquals(new Distribution(1, 7, 7, 7, 7), Distribution.of(List.of(7L)));
    }

    @Test
    void targetsSayWhetherTheyAreMet() {
        assertEquals(Boolean.TRUE, BenchResult.atLeast(1, "ratio", 0.81, "", 0.7).met());
        assertEquals(Boolean.FALSE, BenchResult.below(4, "p95", 1000, "ms", 1000).met());
        assertEquals("1,000 ms", BenchResult.below(4, "p95", 1000, "ms", 1000).valueText());
        assertEquals("0.81", BenchResult.info(1, "ratio", 0.81, "").valueText());
    }
}
