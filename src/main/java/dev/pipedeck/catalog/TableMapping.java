package dev.pipedeck.catalog;

import dev.pipedeck.change.TableRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A source table and the destination table it lands in ({@code public.orders} → {@code orders} by default). */
public record TableMapping(TableRef source, String destination) {

    /**
     * Parses {@code --tables s.t1,s.t2:other_name}. Two tables that would land on one destination name are refused.
     *
     * @throws IllegalArgumentException with a sentence naming the bad part
     */
    public static List<TableMapping> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no tables given: use --tables schema.table[,schema.table2[:dest_name]]");
        }
        List<TableMapping> out = new ArrayList<>();
        Map<String, TableRef> byDestination = new HashMap<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.lastIndexOf(':');
            String dest = null;
            if (colon > 0 && p.indexOf('"', colon) < 0) {
                dest = p.substring(colon + 1).strip();
                p = p.substring(0, colon).strip();
                if (dest.isEmpty()) {
                    throw new IllegalArgumentException("empty destination name after ':' in '" + part.strip() + "'");
                }
            }
            TableRef ref = TableRef.parse(p);
            TableMapping m = new TableMapping(ref, dest == null ? ref.name() : dest);
            TableRef clash = byDestination.putIfAbsent(m.destination(), ref);
            if (clash != null) {
                throw new IllegalArgumentException("tables " + clash + " and " + ref + " would both land in destination table '"
                        + m.destination() + "': map one to another name with " + ref + ":other_name");
            }
            out.add(m);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no tables given: use --tables schema.table[,schema.table2]");
        }
        return List.copyOf(out);
    }

    /** The inverse of {@link #parseList}. */
    public static String format(List<TableMapping> tables) {
        StringBuilder sb = new StringBuilder();
        for (TableMapping m : tables) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(m.source());
            if (!m.destination().equals(m.source().name())) {
                sb.append(':').append(m.destination());
            }
        }
        return sb.toString();
    }
}
