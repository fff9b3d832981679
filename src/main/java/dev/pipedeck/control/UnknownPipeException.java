package dev.pipedeck.control;

import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.PipeDeckException;

import java.util.Comparator;
import java.util.List;

/** No pipe has that name; the message suggests near names. */
public class UnknownPipeException extends PipeDeckException {
    public UnknownPipeException(String name, List<String> known) {
        super(FailureKind.PERMANENT, message(name, known));
    }

    private static String message(String name, List<String> known) {
        List<String> near = known.stream()
                .filter(k -> distance(k.toLowerCase(), name.toLowerCase()) <= Math.max(2, name.length() / 3)
                        || k.toLowerCase().contains(name.toLowerCase()))
                .sorted(Comparator.comparingInt(k -> distance(k, name)))
                .limit(3).toList();
        String base = "no pipe named '" + name + "'";
        if (!near.isEmpty()) {
            return base + " — did you mean " + String.join(", ", near.stream().map(n -> "'" + n + "'").toList()) + "?";
        }
        return known.isEmpty() ? base + " (the catalog has no pipes yet)" : base + " (see 'pipedeck pipe list')";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
