package dev.pipedeck.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles (nearest rank) of a set of millisecond samples. */
public record Distribution(int count, long p50, long p95, long p99, long max) {
    public static Distribution of(List<Long> millis) {
        if (millis.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Long> s = new ArrayList<>(millis);
        Collections.sort(s);
        return new Distribution(s.size(), rank(s, 50), rank(s, 95), rank(s, 99), s.get(s.size() - 1));
    }

    private static long rank(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
