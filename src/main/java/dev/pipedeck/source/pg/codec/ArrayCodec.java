package dev.pipedeck.source.pg.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Postgres array literal ({@code {1,NULL,"a b",{2,3}}}) → nested {@link List}s of element values. Handles quoting,
 * backslash escapes, unquoted NULL, nested dimensions and the optional {@code [1:3]=} bounds prefix.
 */
final class ArrayCodec implements ValueCodec {
    private final ValueCodec element;
    private final char delimiter;

    ArrayCodec(ValueCodec element, char delimiter) {
        this.element = element;
        this.delimiter = delimiter;
    }

    @Override
    public Object decode(String text) {
        int start = 0;
        if (text.startsWith("[")) {
            start = text.indexOf('=') + 1; // explicit lower bounds: not kept, Java lists are 0-based anyway
        }
        int[] pos = {start};
        List<Object> result = parseList(text, pos);
        return result;
    }

    private List<Object> parseList(String s, int[] pos) {
        if (s.charAt(pos[0]) != '{') {
            throw new IllegalArgumentException("not an array literal: " + s);
        }
        pos[0]++;
        List<Object> out = new ArrayList<>();
        if (s.charAt(pos[0]) == '}') {
            pos[0]++;
            return Collections.unmodifiableList(out);
        }
        while (true) {
            char c = s.charAt(pos[0]);
            if (c == '{') {
                out.add(parseList(s, pos));
            } else if (c == '"') {
                out.add(element.decode(readQuoted(s, pos)));
            } else {
                int begin = pos[0];
                while (s.charAt(pos[0]) != delimiter && s.charAt(pos[0]) != '}') {
                    pos[0]++;
                }
                String raw = s.substring(begin, pos[0]).strip();
                out.add("NULL".equals(raw) ? null : element.decode(raw));
            }
            char next = s.charAt(pos[0]++);
            if (next == '}') {
                return Collections.unmodifiableList(out);
            }
            if (next != delimiter) {
                throw new IllegalArgumentException("unexpected '" + next + "' in array literal: " + s);
            }
        }
    }

    private static String readQuoted(String s, int[] pos) {
        StringBuilder sb = new StringBuilder();
        int i = pos[0] + 1;
        while (true) {
            char c = s.charAt(i++);
            if (c == '\\') {
                sb.append(s.charAt(i++));
            } else if (c == '"') {
                break;
            } else {
                sb.append(c);
            }
        }
        pos[0] = i;
        return sb.toString();
    }
}
