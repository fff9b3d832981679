package dev.pipedeck.change;

import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot rows of one table exactly as {@code COPY (SELECT <the schema's columns>) TO STDOUT} wrote them: one line
 * per row, each ending in {@code \n}, fields separated by tabs, {@code \N} for NULL, backslash escapes as Postgres
 * writes them, UTF-8. The initial copy hands these to a destination that can turn the text into its insert format
 * without a Java object per value; {@link #decoder} gives the value the stream would have carried for any field the
 * destination cannot pass on as text.
 *
 * @param schema  the table, its columns in the order of the fields
 * @param data    the lines, in {@code data[0, length)} (the array is not copied; nobody writes to it afterwards)
 * @param length  bytes used in {@code data}
 * @param rows    number of lines
 * @param decoder decodes one field
 */
public record CopyTextRows(TableSchema schema, byte[] data, int length, int rows, FieldDecoder decoder) {

    /** The lines decoded into SNAPSHOT rows, for a destination that cannot take the text after all. */
    public List<RowChange> toRows() {
        int columns = schema.columns().size();
        List<RowChange> out = new ArrayList<>(rows);
        int p = 0;
        while (p < length) {
            Object[] values = new Object[columns];
            for (int c = 0; c < columns; c++) {
                int start = p;
                while (p < length && data[p] != '\t' && data[p] != '\n') {
                    p++;
                }
                if (p >= length || (data[p] == '\n') != (c == columns - 1)) {
                    throw new IllegalStateException("a COPY line of " + schema.table() + " does not have " + columns
                            + " fields");
                }
                boolean nul = p - start == 2 && data[start] == '\\' && data[start + 1] == 'N';
                values[c] = nul ? null : decoder.decode(c, data, start, p);
                p++;
            }
            out.add(new RowChange(ChangeKind.SNAPSHOT, schema, values, 0, 0, null));
        }
        return out;
    }

    /** Decodes one field of COPY text into the Java value the stream would carry (see {@link TypeFamily}). */
    @FunctionalInterface
    public interface FieldDecoder {
        /**
         * The value of column {@code column} whose COPY text is {@code data[from, to)}: still escaped, never
         * {@code \N}.
         */
        Object decode(int column, byte[] data, int from, int to);
    }
}
