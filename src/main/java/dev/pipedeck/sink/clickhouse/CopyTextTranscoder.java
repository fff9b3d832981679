package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.CopyTextRows;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableSchema;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns Postgres {@code COPY ... TO STDOUT} text lines into ClickHouse TabSeparated lines of the same table without a
 * Java object per value: most fields are copied as they are (integers, uuids, plain numerics, text without escapes)
 * or rewritten in place (booleans {@code t}/{@code f}, timestamps padded to microseconds and without the UTC offset,
 * bytea hex into raw bytes, the escapes ClickHouse and Postgres write differently); any other field — a date out of
 * the destination's range, a BC or five-digit year, {@code 24:00:00}, {@code NaN} in a Decimal, an array, a float, a
 * time with time zone — is decoded with the source's codec and written by {@link TsvEncoder}, exactly as the
 * row-by-row path writes it. So every line is byte for byte what {@link InsertBody} would have produced for the same
 * row ({@code CopyTextTranscoderTest} checks that for every type family and both type mappings).
 */
final class CopyTextTranscoder {
    private static final byte[] SNAPSHOT_TAIL = "\t0\t0\n".getBytes(StandardCharsets.US_ASCII);

    private final ChColumn[] columns;
    private final String table;

    private CopyTextTranscoder(ChColumn[] columns, String table) {
        this.columns = columns;
        this.table = table;
    }

    /**
     * The transcoder for {@code schema}'s COPY text into {@code table}, or null when the table needs the row-by-row
     * path: RowBinary inserts (float columns), or columns that differ between the two (a column the source dropped
     * or the destination does not have yet).
     */
    static CopyTextTranscoder forTable(ChTable table, TableSchema schema) {
        List<ChColumn> chColumns = table.columns();
        if (InsertBody.Format.forColumns(chColumns) != InsertBody.Format.TAB_SEPARATED
                || chColumns.size() != schema.columns().size()) {
            return null;
        }
        ChColumn[] byField = new ChColumn[schema.columns().size()];
        for (int i = 0; i < byField.length; i++) {
            String name = schema.columns().get(i).name();
            for (ChColumn c : chColumns) {
                if (c.name().equals(name)) {
                    byField[i] = c;
                }
            }
            if (byField[i] == null) {
                return null;
            }
        }
        return new CopyTextTranscoder(byField, table.name());
    }

    /** The destination columns in the order of the COPY fields (the INSERT names them in this order). */
    List<ChColumn> columns() {
        return List.of(columns);
    }

    /**
     * Appends the line starting at {@code pos} (fields, then {@code _peerdb_is_deleted = 0} and
     * {@code _peerdb_version = 0}) and returns the position after its {@code \n}.
     */
    int line(byte[] d, int pos, int end, CopyTextRows.FieldDecoder decoder, ByteBuf out) {
        int p = pos;
        for (int c = 0; c < columns.length; c++) {
            int start = p;
            // tab and newline bytes occur only as separators: inside a value COPY writes them as \t and \n
            while (p < end && d[p] != '\t' && d[p] != '\n') {
                p++;
            }
            if (p >= end || (d[p] == '\n') != (c == columns.length - 1)) {
                throw PipeDeckException.permanent("A line of the initial copy of ClickHouse table " + table
                        + " does not have the " + columns.length + " columns the table has. Resync the pipe; if it"
                        + " happens again, report it with the PipeDeck log.");
            }
            field(c, d, start, p, decoder, out);
            if (c < columns.length - 1) {
                out.write('\t');
            }
            p++;
        }
        out.write(SNAPSHOT_TAIL, 0, SNAPSHOT_TAIL.length);
        return p;
    }

    private void field(int c, byte[] d, int from, int to, CopyTextRows.FieldDecoder decoder, ByteBuf out) {
        ChColumn col = columns[c];
        int n = to - from;
        if (n == 2 && d[from] == '\\' && d[from + 1] == 'N') {
            out.ascii(col.nullable() ? "\\N" : TsvEncoder.defaultText(col.encoding()));
            return;
        }
        boolean done = switch (col.encoding()) {
            case NUMBER -> copy(d, from, n, out);
            case BOOL_01 -> n == 1 && (d[from] == 't' || d[from] == 'f') && put(out, d[from] == 't' ? "1" : "0");
            case BOOL_WORD -> n == 1 && (d[from] == 't' || d[from] == 'f') && put(out, d[from] == 't' ? "true" : "false");
            case DECIMAL -> plainDecimal(d, from, to) && copy(d, from, n, out);
            case NUMERIC_TEXT -> (plainDecimal(d, from, to) || is(d, from, to, "NaN") || is(d, from, to, "Infinity")
                    || is(d, from, to, "-Infinity")) && copy(d, from, n, out);
            case STRING -> string(d, from, to, out);
            case BYTES -> bytea(d, from, to, out);
            case UUID -> n == 36 && copy(d, from, n, out);
            case DATE_TEXT -> (plainDate(d, from, to) || is(d, from, to, "infinity") || is(d, from, to, "-infinity"))
                    && copy(d, from, n, out);
            case DATE_CLAMPED -> plainDate(d, from, to) && inDateTime64Range(d, from) && copy(d, from, n, out);
            case TIME_TEXT -> time(d, from, to, out);
            case TS_TEXT -> timestamp(d, from, to, false, false, out);
            case TSTZ_TEXT -> timestamp(d, from, to, true, false, out);
            case TS_DT64 -> timestamp(d, from, to, false, true, out);
            case TSTZ_DT64 -> timestamp(d, from, to, true, true, out);
            case FLOAT, TIMETZ_TEXT, ARRAY -> false;
        };
        if (!done) {
            Object value;
            try {
                value = decoder.decode(c, d, from, to);
            } catch (RuntimeException e) {
                throw PipeDeckException.permanent("Cannot read the value of column " + col.name() + " in the initial"
                        + " copy of ClickHouse table " + table + ": " + e.getMessage() + ". Report it with the PipeDeck"
                        + " log.", e);
            }
            TsvEncoder.field(out, col, value, table);
        }
    }

    private static boolean copy(byte[] d, int from, int n, ByteBuf out) {
        out.write(d, from, n);
        return true;
    }

    private static boolean put(ByteBuf out, String ascii) {
        out.ascii(ascii);
        return true;
    }

    private static boolean is(byte[] d, int from, int to, String ascii) {
        if (to - from != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (d[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** {@code -?digits(.digits)?}: numeric's output, which BigDecimal and ClickHouse both read back unchanged. */
    private static boolean plainDecimal(byte[] d, int from, int to) {
        int i = from < to && d[from] == '-' ? from + 1 : from;
        int intStart = i;
        while (i < to && digit(d[i])) {
            i++;
        }
        if (i == intStart) {
            return false;
        }
        if (i == to) {
            return true;
        }
        if (d[i] != '.' || i + 1 == to) {
            return false;
        }
        for (i++; i < to; i++) {
            if (!digit(d[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Text: Postgres and ClickHouse agree on {@code \\ \n \r \t}; Postgres' {@code \b \f \v} become the raw bytes and a
     * quote is escaped, as {@link TsvEncoder} writes them. Any other escape goes the decoding way.
     */
    private static boolean string(byte[] d, int from, int to, ByteBuf out) {
        int i = from;
        while (i < to && d[i] != '\\' && d[i] != '\'') {
            i++;
        }
        if (i == to) {
            return copy(d, from, to - from, out);
        }
        for (int k = i; k < to; k++) {
            if (d[k] == '\\') {
                if (k + 1 >= to || "\\nrtbfv".indexOf(d[k + 1]) < 0) {
                    return false;
                }
                k++;
            }
        }
        out.write(d, from, i - from);
        for (; i < to; i++) {
            byte b = d[i];
            if (b == '\'') {
                out.write('\\');
                out.write('\'');
            } else if (b == '\\') {
                byte e = d[++i];
                switch (e) {
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case 'v' -> out.write(0x0B);
                    default -> { // \\ \n \r \t
                        out.write('\\');
                        out.write(e);
                    }
                }
            } else {
                out.write(b);
            }
        }
        return true;
    }

    /** bytea in hex output ({@code \\x0a1b} in COPY text) into the raw bytes, escaped as {@link TsvEncoder} does. */
    private static boolean bytea(byte[] d, int from, int to, ByteBuf out) {
        if (to - from < 3 || d[from] != '\\' || d[from + 1] != '\\' || d[from + 2] != 'x' || (to - from - 3) % 2 != 0) {
            return false;
        }
        for (int i = from + 3; i < to; i++) {
            if (hex(d[i]) < 0) {
                return false;
            }
        }
        for (int i = from + 3; i < to; i += 2) {
            int b = (hex(d[i]) << 4) | hex(d[i + 1]);
            switch (b) {
                case '\\' -> out.ascii("\\\\");
                case '\t' -> out.ascii("\\t");
                case '\n' -> out.ascii("\\n");
                case '\r' -> out.ascii("\\r");
                case 0 -> out.ascii("\\0");
                case '\'' -> out.ascii("\\'");
                default -> out.write(b);
            }
        }
        return true;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** {@code yyyy-MM-dd}: a four-digit year of our era (a BC date has a suffix, a later one more digits). */
    private static boolean plainDate(byte[] d, int from, int to) {
        return to - from == 10 && digits(d, from, 4) && d[from + 4] == '-' && digits(d, from + 5, 2)
                && d[from + 7] == '-' && digits(d, from + 8, 2);
    }

    private static boolean digits(byte[] d, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (!digit(d[i])) {
                return false;
            }
        }
        return true;
    }

    /** Year 1900..2299: Date32's and DateTime64's range, which the row-by-row path clamps to. */
    private static boolean inDateTime64Range(byte[] d, int from) {
        int year = (d[from] - '0') * 1000 + (d[from + 1] - '0') * 100 + (d[from + 2] - '0') * 10 + (d[from + 3] - '0');
        return year >= 1900 && year <= 2299;
    }

    /** {@code HH:mm:ss[.f{1,6}]} into {@code HH:mm:ss.ffffff}; 24:00:00 goes the decoding way. */
    private static boolean time(byte[] d, int from, int to, ByteBuf out) {
        int end = fraction(d, from, to);
        if (end != to || d[from] == '2' && d[from + 1] == '4') {
            return false;
        }
        writeTime(d, from, to, out);
        return true;
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss[.f{1,6}]} (with {@code +00} after it when {@code utc}: the copy runs in UTC) into
     * {@code yyyy-MM-dd HH:mm:ss.ffffff}.
     */
    private static boolean timestamp(byte[] d, int from, int to, boolean utc, boolean clamped, ByteBuf out) {
        int end = utc ? to - 3 : to;
        if (end - from < 19 || !plainDate(d, from, from + 10) || d[from + 10] != ' '
                || fraction(d, from + 11, end) != end) {
            return false;
        }
        if (utc && !(d[end] == '+' && d[end + 1] == '0' && d[end + 2] == '0')) {
            return false;
        }
        if (clamped && !inDateTime64Range(d, from)) {
            return false;
        }
        out.write(d, from, 11);
        writeTime(d, from + 11, end, out);
        return true;
    }

    /** Checks {@code HH:mm:ss[.f{1,6}]} at {@code from}; returns where it ends (or -1). */
    private static int fraction(byte[] d, int from, int to) {
        if (to - from < 8 || !digits(d, from, 2) || d[from + 2] != ':' || !digits(d, from + 3, 2)
                || d[from + 5] != ':' || !digits(d, from + 6, 2)) {
            return -1;
        }
        int i = from + 8;
        if (i == to) {
            return i;
        }
        if (d[i] != '.') {
            return i;
        }
        int f = i + 1;
        while (f < to && f - i <= 6 && digit(d[f])) {
            f++;
        }
        return f - i - 1 >= 1 && f - i - 1 <= 6 ? f : -1;
    }

    private static void writeTime(byte[] d, int from, int to, ByteBuf out) {
        out.write(d, from, 8);
        out.write('.');
        int digits = 0;
        if (to > from + 8) {
            digits = to - from - 9;
            out.write(d, from + 9, digits);
        }
        for (int i = digits; i < 6; i++) {
            out.write('0');
        }
    }
}
