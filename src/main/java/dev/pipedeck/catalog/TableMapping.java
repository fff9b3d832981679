package dev.pipedeck.catalog;

import dev.pipedeck.change.TableRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A source table and the destination table it lands in ({@code public.orders} → {@code orders} by default). */
public record TableMapping(TableRef source, String destination) {
    private static final String HOW = "write schema.table[:destination_name], separated by commas, and put a name that "
            + "holds a dot, comma, colon or quote in double quotes (a quote inside doubled): \"a,b\".\"x.y\":dest";

    /**
     * Parses {@code --tables s.t1,s.t2:other_name}. A name in double quotes may hold dots, commas, colons and quotes
     * ({@code ""} is a quote), as in SQL: {@code "a,b"."x:y":"d,e"}. Two tables that would land on one destination
     * name are refused.
     *
     * @throws IllegalArgumentException with a sentence naming the bad part and how to write it
     */
    public static List<TableMapping> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no tables given: use --tables schema.table[,schema.table2[:dest_name]]");
        }
        List<String> items = splitOutsideQuotes(text, ',', "--tables");
        List<TableMapping> out = new ArrayList<>();
        Map<String, TableRef> byDestination = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i).strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("--tables: table " + (i + 1) + " of " + items.size() + " in '"
                        + text.strip() + "' is empty (two commas in a row, or one at an end); " + HOW);
            }
            List<String> parts = splitOutsideQuotes(item, ':', "--tables");
            if (parts.size() > 2) {
                throw new IllegalArgumentException("--tables: '" + item + "' has more than one ':'; " + HOW);
            }
            TableRef ref = tableRef(parts.get(0).strip(), item);
            String dest = parts.size() == 2 ? destination(parts.get(1).strip(), item) : ref.name();
            TableMapping m = new TableMapping(ref, dest);
            TableRef clash = byDestination.putIfAbsent(m.destination(), ref);
            if (clash != null) {
                throw new IllegalArgumentException("tables " + clash + " and " + ref + " would both land in destination table '"
                        + m.destination() + "': map one to another name with " + format(ref) + ":other_name");
            }
            out.add(m);
        }
        return List.copyOf(out);
    }

    /** The inverse of {@link #parseList}: names quoted where they need it ({@code "a,b"."x.y":dest}). */
    public static String format(List<TableMapping> tables) {
        StringBuilder sb = new StringBuilder();
        for (TableMapping m : tables) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(format(m.source()));
            if (!m.destination().equals(m.source().name())) {
                sb.append(':').append(bareOrQuoted(m.destination(), true));
            }
        }
        return sb.toString();
    }

    /** {@code schema.table} as {@link #parseList} reads it back: {@code public.orders}, {@code "a.b"."c,d"}. */
    public static String format(TableRef table) {
        return bareOrQuoted(table.schema(), false) + "." + bareOrQuoted(table.name(), false);
    }

    /** The name as it is when nothing in it needs quoting, else in double quotes. A destination may hold dots. */
    private static String bareOrQuoted(String name, boolean destination) {
        boolean plain = !name.isEmpty() && name.strip().equals(name) && !name.startsWith("\"");
        for (int i = 0; plain && i < name.length(); i++) {
            char c = name.charAt(i);
            plain = c != ',' && c != ':' && c != '"' && (destination || c != '.');
        }
        return plain ? name : TableRef.quoteIdent(name);
    }

    private static TableRef tableRef(String text, String item) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("--tables: '" + item + "' has no table name before the ':'; " + HOW);
        }
        try {
            return TableRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tables: '" + text + "' is not a table name (a schema and a table, both "
                    + "not empty, and at most one dot outside quotes); " + HOW, e);
        }
    }

    /** After the ':': the name as written, or, in double quotes, what they hold ({@code ""} a quote). */
    private static String destination(String text, String item) {
        if (!text.startsWith("\"")) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("--tables: empty destination name after ':' in '" + item + "'; " + HOW);
            }
            if (text.indexOf('"') >= 0) {
                throw new IllegalArgumentException("--tables: the destination name '" + text + "' in '" + item
                        + "' has a quote in it; " + HOW);
            }
            return text;
        }
        StringBuilder name = new StringBuilder();
        int i = 1;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    name.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                name.append(c);
            }
        }
        if (i != text.length() - 1 || name.isEmpty()) {
            throw new IllegalArgumentException("--tables: the destination name " + text + " in '" + item + "' is "
                    + (name.isEmpty() ? "empty" : "not one quoted name") + "; " + HOW);
        }
        return name.toString();
    }

    /** Splits at {@code separator} where it is not inside double quotes; refuses a quote left open. */
    private static List<String> splitOutsideQuotes(String text, char separator, String option) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int opened = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cur.append("\"\"");
                    i++;
                    continue;
                }
                quoted = !quoted;
                opened = i;
                cur.append(c);
            } else if (c == separator && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(option + ": the quote opened at character " + (opened + 1) + " of '"
                    + text + "' is never closed; " + HOW);
        }
        out.add(cur.toString());
        return out;
    }
}
