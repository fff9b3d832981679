package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.sink.clickhouse.ChColumn.Encoding;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Writes Java values (see {@link dev.pipedeck.change.TypeFamily}) as ClickHouse TabSeparated text. Hand-rolled
 * date formatting because it runs once per value on the hot path.
 */
final class TsvEncoder {
    private static final LocalDateTime DT64_MIN = LocalDateTime.of(1900, 1, 1, 0, 0);
    private static final LocalDateTime DT64_MAX = LocalDateTime.of(2299, 12, 31, 23, 59, 59, 999_999_000);
    private static final LocalDate DATE32_MIN = LocalDate.of(1900, 1, 1);
    private static final LocalDate DATE32_MAX = LocalDate.of(2299, 12, 31);

    private TsvEncoder() {}

    /** One field: NULL → {@code \N} when nullable, else the type's default. */
    static void field(ByteBuf out, ChColumn col, Object v, String table) {
        if (v == null) {
            out.ascii(col.nullable() ? "\\N" : defaultText(col.encoding()));
            return;
        }
        if (col.encoding() == Encoding.ARRAY) {
            array(out, col.element(), (List<?>) v);
            return;
        }
        if (col.encoding() == Encoding.DECIMAL && v instanceof String special) {
            // numeric NaN (Infinity cannot occur in a constrained numeric): no Decimal form, lands as NULL
            if (!col.nullable()) {
                throw PipeDeckException.permanent("Key column " + col.name() + " of ClickHouse table " + table
                        + " received numeric " + special + ", which a Decimal key cannot hold");
            }
            out.ascii("\\N");
            return;
        }
        scalar(out, col.encoding(), v, false);
    }

    static String defaultText(Encoding e) {
        return switch (e) {
            case NUMBER, FLOAT, DECIMAL, BOOL_01 -> "0";
            case BOOL_WORD -> "false";
            case UUID -> "00000000-0000-0000-0000-000000000000";
            case DATE_CLAMPED -> "1970-01-01";
            case TS_DT64, TSTZ_DT64 -> "1970-01-01 00:00:00.000000";
            case ARRAY -> "[]";
            default -> "";
        };
    }

    private static void scalar(ByteBuf out, Encoding e, Object v, boolean quoted) {
        switch (e) {
            case BOOL_01 -> out.write((Boolean) v ? '1' : '0');
            case BOOL_WORD -> out.ascii((Boolean) v ? "true" : "false");
            case NUMBER -> out.decimal(((Number) v).longValue());
            // inside arrays 18.16's Nullable parser takes a leading 'n' for NULL; "-nan" is the same NaN
            case FLOAT -> out.ascii(quoted && Double.isNaN(((Number) v).doubleValue()) ? "-nan" : floatText(v));
            case DECIMAL -> out.plainDecimal((BigDecimal) v);
            case NUMERIC_TEXT -> text(out, v instanceof BigDecimal bd ? bd.toPlainString() : v.toString(), quoted);
            case STRING -> text(out, v.toString(), quoted);
            case BYTES -> bytes(out, (byte[]) v, quoted);
            case UUID -> text(out, ((UUID) v).toString(), quoted);
            case DATE_TEXT -> text(out, dateText((LocalDate) v), quoted);
            case DATE_CLAMPED -> text(out, clamp((LocalDate) v).toString(), quoted);
            case TIME_TEXT -> text(out, time((LocalTime) v), quoted);
            case TIMETZ_TEXT -> text(out, timetz((OffsetTime) v), quoted);
            case TS_TEXT -> timestamp(out, (LocalDateTime) v, quoted);
            case TSTZ_TEXT -> timestamp(out, utc((Instant) v), quoted);
            case TS_DT64 -> text(out, dateTime(clamp((LocalDateTime) v)), quoted);
            case TSTZ_DT64 -> text(out, dateTime(clamp(utc((Instant) v))), quoted);
            case ARRAY -> throw new IllegalStateException("nested array");
        }
    }

    private static void array(ByteBuf out, Encoding element, List<?> list) {
        out.write('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object v = list.get(i);
            if (v == null || (element == Encoding.DECIMAL && v instanceof String)) {
                out.ascii("NULL");
            } else if (v instanceof List<?> nested) {
                throw PipeDeckException.permanent("Multi-dimensional arrays are not supported by the ClickHouse "
                        + "destination (value " + nested.size() + " elements deep)");
            } else {
                scalar(out, element, v, true);
            }
        }
        out.write(']');
    }

    /** Timestamps as text without intermediate Strings: {@code yyyy-MM-dd HH:mm:ss.ffffff} or ±infinity. */
    private static void timestamp(ByteBuf out, LocalDateTime t, boolean quoted) {
        int y = t.getYear();
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN) || y < 0 || y > 9999) {
            text(out, tsText(t), quoted);
            return;
        }
        if (quoted) {
            out.write('\'');
        }
        out.padded(y, 4);
        out.write('-');
        out.padded(t.getMonthValue(), 2);
        out.write('-');
        out.padded(t.getDayOfMonth(), 2);
        out.write(' ');
        out.padded(t.getHour(), 2);
        out.write(':');
        out.padded(t.getMinute(), 2);
        out.write(':');
        out.padded(t.getSecond(), 2);
        out.write('.');
        out.padded(t.getNano() / 1000, 6);
        if (quoted) {
            out.write('\'');
        }
    }

    static String floatText(Object v) {
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return v.toString();
    }

    private static void text(ByteBuf out, String s, boolean quoted) {
        // fast path: pure ASCII without characters to escape
        int n = s.length();
        boolean simple = true;
        for (int i = 0; i < n && simple; i++) {
            char c = s.charAt(i);
            simple = c >= 0x20 && c < 0x7f && c != '\\' && c != '\'';
        }
        if (quoted) {
            out.write('\'');
        }
        if (simple) {
            out.ascii(s);
        } else {
            bytes(out, s.getBytes(StandardCharsets.UTF_8), false);
        }
        if (quoted) {
            out.write('\'');
        }
    }

    private static void bytes(ByteBuf out, byte[] b, boolean quoted) {
        if (quoted) {
            out.write('\'');
        }
        for (byte x : b) {
            switch (x) {
                case '\\' -> out.ascii("\\\\");
                case '\t' -> out.ascii("\\t");
                case '\n' -> out.ascii("\\n");
                case '\r' -> out.ascii("\\r");
                case 0 -> out.ascii("\\0");
                case '\'' -> out.ascii("\\'");
                default -> out.write(x);
            }
        }
        if (quoted) {
            out.write('\'');
        }
    }

    static String dateText(LocalDate d) {
        if (d.equals(LocalDate.MAX)) {
            return "infinity";
        }
        if (d.equals(LocalDate.MIN)) {
            return "-infinity";
        }
        return d.toString();
    }

    static String tsText(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) {
            return "infinity";
        }
        if (t.equals(LocalDateTime.MIN)) {
            return "-infinity";
        }
        return dateTime(t);
    }

    private static LocalDateTime utc(Instant i) {
        if (i.equals(Instant.MAX)) {
            return LocalDateTime.MAX;
        }
        if (i.equals(Instant.MIN)) {
            return LocalDateTime.MIN;
        }
        return LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), ZoneOffset.UTC);
    }

    private static LocalDateTime clamp(LocalDateTime t) {
        return t.isBefore(DT64_MIN) ? DT64_MIN : t.isAfter(DT64_MAX) ? DT64_MAX : t;
    }

    private static LocalDate clamp(LocalDate d) {
        return d.isBefore(DATE32_MIN) ? DATE32_MIN : d.isAfter(DATE32_MAX) ? DATE32_MAX : d;
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss.ffffff}; the date as {@link LocalDate#toString()} writes it, the same as a date column:
     * ISO 8601 years, so 44 BC is {@code -0043} (1 BC is year {@code 0000}) and a year after 9999 has a {@code +}.
     */
    static String dateTime(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(26);
        sb.append(t.toLocalDate()).append(' ');
        appendTime(sb, t.toLocalTime());
        return sb.toString();
    }

    static String time(LocalTime t) {
        StringBuilder sb = new StringBuilder(15);
        appendTime(sb, t);
        return sb.toString();
    }

    static String timetz(OffsetTime t) {
        String off = t.getOffset().equals(ZoneOffset.UTC) ? "+00:00" : t.getOffset().getId();
        return time(t.toLocalTime()) + off;
    }

    /** Postgres' {@code 24:00:00} is decoded as {@link LocalTime#MAX} (no Postgres time has nanoseconds): written back. */
    private static void appendTime(StringBuilder sb, LocalTime t) {
        if (t.equals(LocalTime.MAX)) {
            sb.append("24:00:00.000000");
            return;
        }
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        sb.append('.');
        pad(sb, t.getNano() / 1000, 6);
    }

    private static void pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
