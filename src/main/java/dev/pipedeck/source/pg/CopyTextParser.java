package dev.pipedeck.source.pg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits one row of {@code COPY ... TO STDOUT} text format into fields: tab-separated, {@code \N} for NULL, and
 * backslash escapes ({@code \b \f \n \r \t \v \\}, octal {@code \ooo}, hex {@code \xhh}) undone. The bytes are UTF-8
 * (PgJDBC sets client_encoding). What remains is the type's output text, decoded by the same codecs as the stream.
 */
final class CopyTextParser {
    private CopyTextParser() {}

    static String[] parse(byte[] row, int columns) {
        String[] out = new String[columns];
        int end = row.length;
        if (end > 0 && row[end - 1] == '\n') {
            end--;
        }
        int field = 0;
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i <= end; i++) {
            if (i == end || row[i] == '\t') {
                if (field >= columns) {
                    throw new IllegalStateException("COPY row has more than " + columns + " fields");
                }
                out[field++] = field(row, start, i, escaped);
                start = i + 1;
                escaped = false;
            } else if (row[i] == '\\') {
                escaped = true;
                i++; // the escaped byte can never be a separator
            }
        }
        if (field != columns) {
            throw new IllegalStateException("COPY row has " + field + " fields, expected " + columns);
        }
        return out;
    }

    /** One field's text, {@code row[from, to)} with its escapes undone; {@code \N} is null. */
    static String field(byte[] row, int from, int to) {
        boolean escaped = false;
        for (int i = from; i < to && !escaped; i++) {
            escaped = row[i] == '\\';
        }
        return field(row, from, to, escaped);
    }

    private static String field(byte[] row, int from, int to, boolean escaped) {
        if (!escaped) {
            return new String(row, from, to - from, StandardCharsets.UTF_8);
        }
        if (to - from == 2 && row[from + 1] == 'N') {
            return null;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte c = row[i];
            if (c != '\\' || i + 1 >= to) {
                b.write(c);
                continue;
            }
            byte n = row[++i];
            switch (n) {
                case 'b' -> b.write('\b');
                case 'f' -> b.write('\f');
                case 'n' -> b.write('\n');
                case 'r' -> b.write('\r');
                case 't' -> b.write('\t');
                case 'v' -> b.write(0x0B);
                case 'x' -> {
                    int v = 0;
                    int k = 0;
                    while (k < 2 && i + 1 < to && Character.digit(row[i + 1], 16) >= 0) {
                        v = v * 16 + Character.digit(row[++i], 16);
                        k++;
                    }
                    b.write(v);
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int v = n - '0';
                        for (int k = 0; k < 2 && i + 1 < to && row[i + 1] >= '0' && row[i + 1] <= '7'; k++) {
                            v = v * 8 + (row[++i] - '0');
                        }
                        b.write(v);
                    } else {
                        b.write(n); // \\ and any other escaped character stand for themselves
                    }
                }
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
