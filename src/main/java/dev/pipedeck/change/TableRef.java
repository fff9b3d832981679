package dev.pipedeck.change;

import java.util.Objects;

/** A source table, {@code schema.name}, with identifier quoting that is safe for any name. */
public record TableRef(String schema, String name) {
    public TableRef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code s.t} or {@code t} (schema public). Names containing dots must be quoted: {@code "a.b"."c"}. */
    public static TableRef parse(String text) {
        String t = text.strip();
        java.util.List<String> parts = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < t.length() && t.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        if (quoted || parts.size() > 2 || parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("not a table name: " + text);
        }
        return parts.size() == 1 ? new TableRef("public", parts.get(0)) : new TableRef(parts.get(0), parts.get(1));
    }

    /** Double-quotes an identifier, doubling embedded quotes. */
    public static String quoteIdent(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."name"}, for SQL. */
    public String quoted() {
        return quoteIdent(schema) + "." + quoteIdent(name);
    }

    /** {@code schema.name}, for people. */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
