package dev.pipedeck.cli;

import java.io.PrintStream;
import java.util.List;

/** Left-aligned columns separated by two spaces, the last column unpadded (like {@code kubectl get}). */
final class TextTable {
    private TextTable() {}

    static void print(PrintStream out, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                if (i == cols - 1) {
                    sb.append(r[i]);
                } else {
                    sb.append(String.format("%-" + width[i] + "s  ", r[i]));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** {@code key: value} lines with the values aligned. */
    static void printPairs(PrintStream out, List<String[]> pairs) {
        int w = pairs.stream().mapToInt(p -> p[0].length()).max().orElse(0) + 1;
        for (String[] p : pairs) {
            out.println(String.format("%-" + w + "s %s", p[0] + ":", p[1]));
        }
    }
}
