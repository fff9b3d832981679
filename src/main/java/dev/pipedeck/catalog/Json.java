package dev.pipedeck.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the catalog's jsonb columns and the CLI's {@code --json}: maps, lists, strings, numbers,
 * booleans and null. Maps keep insertion order.
 */
public final class Json {
    private Json() {}

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, "", false);
        return sb.toString();
    }

    /** Indented form for people. */
    public static String pretty(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, "", true);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, String indent, boolean pretty) {
        String nl = pretty ? "\n" : "";
        String inner = pretty ? indent + "  " : "";
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{').append(nl);
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',').append(nl);
                }
                first = false;
                sb.append(inner);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(pretty ? ": " : ":");
                write(sb, e.getValue(), inner, pretty);
            }
            sb.append(nl).append(indent).append('}');
        } else if (v instanceof Iterable<?> it) {
            List<Object> items = new ArrayList<>();
            it.forEach(items::add);
            if (items.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[').append(nl);
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    sb.append(',').append(nl);
                }
                sb.append(inner);
                write(sb, items.get(i), inner, pretty);
            }
            sb.append(nl).append(indent).append(']');
        } else {
            quote(sb, v.toString());
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Parses a JSON text into Map / List / String / Long / Double / Boolean / null. */
    public static Object parse(String text) {
        Parser p = new Parser(text);
        Object v;
        try {
            v = p.value();
        } catch (IndexOutOfBoundsException truncated) {
            // every read of a character past the end lands here: one message for all of them
            throw new IllegalArgumentException("unexpected end of JSON");
        }
        p.skipWs();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("trailing characters in JSON at " + p.pos);
        }
        return v;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void skipWs() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Object value() {
            skipWs();
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unexpected end of JSON");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{': {
                    pos++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    skipWs();
                    if (s.charAt(pos) == '}') {
                        pos++;
                        return m;
                    }
                    while (true) {
                        skipWs();
                        String k = string();
                        skipWs();
                        expect(':');
                        m.put(k, value());
                        skipWs();
                        if (s.charAt(pos) == ',') {
                            pos++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[': {
                    pos++;
                    List<Object> l = new ArrayList<>();
                    skipWs();
                    if (s.charAt(pos) == ']') {
                        pos++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        skipWs();
                        if (s.charAt(pos) == ',') {
                            pos++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                default:
                    int start = pos;
                    while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                        pos++;
                    }
                    String num = s.substring(start, pos);
                    if (num.isEmpty()) {
                        throw new IllegalArgumentException("unexpected character in JSON at " + start);
                    }
                    return num.contains(".") || num.contains("e") || num.contains("E") ? (Object) Double.parseDouble(num) : (Object) Long.parseLong(num);
            }
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
        }

        void literal(String word) {
            if (!s.startsWith(word, pos)) {
                throw new IllegalArgumentException("expected " + word + " in JSON at " + pos);
            }
            pos += word.length();
        }

        void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new IllegalArgumentException("expected '" + c + "' in JSON at " + pos);
            }
            pos++;
        }
    }
}
