package dev.pipedeck.engine.verify;

import java.util.List;

/**
 * What verify found in one table. Counts are exact; the key lists hold a few examples each.
 *
 * @param notCompared columns left out of the comparison (arrays), said so rather than hidden
 */
public record TableVerdict(String sourceTable, String destinationTable, long compared, long lost, long extra, long differing,
                           List<String> lostKeys, List<String> extraKeys, List<String> differingKeys,
                           List<String> notCompared) {
    public boolean matches() {
        return lost == 0 && extra == 0 && differing == 0;
    }

    /** "public.orders: 10,000 rows compared, all match" or with the counts and example keys. */
    public String text() {
        String head = sourceTable + " → " + destinationTable + ": " + String.format("%,d", compared) + " rows compared, ";
        String tail = notCompared.isEmpty() ? "" : " (not compared: " + String.join(", ", notCompared) + ")";
        if (matches()) {
            return head + "all match" + tail;
        }
        return head + lost + " lost" + examples(lostKeys) + ", " + extra + " extra" + examples(extraKeys) + ", "
                + differing + " differing" + examples(differingKeys) + tail;
    }

    private static String examples(List<String> keys) {
        return keys.isEmpty() ? "" : " (e.g. key " + String.join("; ", keys) + ")";
    }
}
