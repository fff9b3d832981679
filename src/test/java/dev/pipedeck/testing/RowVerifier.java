package dev.pipedeck.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a source table with the deduplicated destination row by row: each side is a map of primary key →
 * fingerprint (a hash of all columns, read so that both sides print the same for the same values). "All columns"
 * includes stored generated columns and columns added with a default: both reach the destination without a value in
 * the change stream, so a fingerprint that leaves them out cannot see them wrong. Reports how many
 * rows were lost (in the source only), extra (in the destination only) and differing, with a few keys of each.
 */
public final class RowVerifier {
    private static final int SAMPLE = 10;

    private RowVerifier() {}

    /** The outcome of one comparison. Lists hold at most 10 sample keys each; the counts are exact. */
    public record Report<K>(int sourceRows, int destinationRows, int lost, int extra, int differing,
                            List<K> lostKeys, List<K> extraKeys, List<K> differingKeys) {
        public boolean clean() {
            return lost == 0 && extra == 0 && differing == 0;
        }

        @Override
        public String toString() {
            return "source " + sourceRows + " rows, destination " + destinationRows + " rows: lost " + lost + sample(lostKeys)
                    + ", extra " + extra + sample(extraKeys) + ", differing " + differing + sample(differingKeys);
        }

        private static String sample(List<?> keys) {
            return keys.isEmpty() ? "" : " (e.g. " + keys + ")";
        }

        /** Fails with the counts and sample keys unless lost, extra and differing are all 0. */
        public Report<K> assertClean(String context) {
            if (!clean()) {
                throw new AssertionError(context + ": " + this);
            }
            return this;
        }
    }

    public static <K> Report<K> compare(Map<K, String> source, Map<K, String> destination) {
        List<K> lost = new ArrayList<>();
        List<K> differing = new ArrayList<>();
        List<K> extra = new ArrayList<>();
        int lostCount = 0;
        int differingCount = 0;
        int extraCount = 0;
        for (Map.Entry<K, String> e : source.entrySet()) {
            if (!destination.containsKey(e.getKey())) {
                lostCount++;
                addSample(lost, e.getKey());
            } else if (!Objects.equals(e.getValue(), destination.get(e.getKey()))) {
                differingCount++;
                addSample(differing, e.getKey());
            }
        }
        for (K k : destination.keySet()) {
            if (!source.containsKey(k)) {
                extraCount++;
                addSample(extra, k);
            }
        }
        return new Report<>(source.size(), destination.size(), lostCount, extraCount, differingCount, lost, extra, differing);
    }

    private static <K> void addSample(List<K> list, K key) {
        if (list.size() < SAMPLE) {
            list.add(key);
        }
    }
}
