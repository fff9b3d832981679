package dev.pipedeck.sink.clickhouse;

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
 * A Java value (as decoded from the source, see {@link dev.pipedeck.change.TypeFamily}) as a constant ClickHouse
 * expression of the column's type, for {@code ADD COLUMN ... DEFAULT}: each value is written in the same text form
 * as the rows (see docs/destinations.md) and cast from a string, so ClickHouse parses it like inserted data.
 */
final class ChLiteral {
    private static final LocalDateTime DT64_MIN = LocalDateTime.of(1900, 1, 1, 0, 0);
    private static final LocalDateTime DT64_MAX = LocalDateTime.of(2299, 12, 31, 23, 59, 59, 999_999_000);
    private static final LocalDate DATE32_MIN = LocalDate.of(1900, 1, 1);
    private static final LocalDate DATE32_MAX = LocalDate.of(2299, 12, 31);

    private ChLiteral() {}

    /** {@code CAST('<text>' AS <type>)} (arrays: {@code [..]} of such), or null for a null value. */
    static String of(ChColumn col, Object v) {
        if (v == null) {
            return null;
        }
        if (col.encoding() == Encoding.ARRAY) {
            String elementType = col.type().startsWith("Array(") ? col.type().substring(6, col.type().length() - 1)
                    : "String";
            StringBuilder sb = new StringBuilder("CAST([");
            List<?> list = (List<?>) v;
            for (int i = 0; i < list.size(); i++) {
                Object e = list.get(i);
                sb.append(i == 0 ? "" : ", ").append(e == null ? "NULL" : scalar(col.element(), e, elementType));
            }
            return sb.append("] AS ").append(col.type()).append(')').toString();
        }
        return scalar(col.encoding(), v, col.type());
    }

    private static String scalar(Encoding e, Object v, String type) {
        if (e == Encoding.BYTES) {
            return "CAST(unhex('" + java.util.HexFormat.of().formatHex((byte[]) v) + "') AS " + type + ")";
        }
        return cast(text(e, v), type);
    }

    private static String cast(String text, String type) {
        return "CAST(" + quote(text) + " AS " + type + ")";
    }

    /** A ClickHouse string literal: backslash escapes for backslash, quote and control characters. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            switch (b) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 0 -> sb.append("\\0");
                default -> {
                    if (b >= 0 && b < 0x20) {
                        sb.append(String.format("\\x%02X", b));
                    } else {
                        sb.append((char) (b & 0xFF));
                    }
                }
            }
        }
        return new String(sb.append('\'').toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    static String text(Encoding e, Object v) {
        return switch (e) {
            case BOOL_01 -> (Boolean) v ? "1" : "0";
            case BOOL_WORD -> (Boolean) v ? "true" : "false";
            case NUMBER -> Long.toString(((Number) v).longValue());
            case FLOAT -> floatText((Number) v);
            case DECIMAL -> ((BigDecimal) v).toPlainString();
            case NUMERIC_TEXT -> v instanceof BigDecimal bd ? bd.toPlainString() : v.toString();
            case UUID -> ((UUID) v).toString();
            case DATE_TEXT -> date((LocalDate) v);
            case DATE_CLAMPED -> clamp((LocalDate) v).toString();
            case TIME_TEXT -> time((LocalTime) v);
            case TIMETZ_TEXT -> time(((OffsetTime) v).toLocalTime())
                    + (((OffsetTime) v).getOffset().equals(ZoneOffset.UTC) ? "+00:00" : ((OffsetTime) v).getOffset().getId());
            case TS_TEXT -> timestamp((LocalDateTime) v);
            case TSTZ_TEXT -> timestamp(utc((Instant) v));
            case TS_DT64 -> dateTime(clamp((LocalDateTime) v));
            case TSTZ_DT64 -> dateTime(clamp(utc((Instant) v)));
            case STRING, ARRAY, BYTES -> v.toString();
        };
    }

    private static String floatText(Number n) {
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return n.toString();
    }

    private static String date(LocalDate d) {
        return d.equals(LocalDate.MAX) ? "infinity" : d.equals(LocalDate.MIN) ? "-infinity" : d.toString();
    }

    private static String timestamp(LocalDateTime t) {
        return t.equals(LocalDateTime.MAX) ? "infinity" : t.equals(LocalDateTime.MIN) ? "-infinity" : dateTime(t);
    }

    private static LocalDateTime utc(Instant i) {
        return i.equals(Instant.MAX) ? LocalDateTime.MAX : i.equals(Instant.MIN) ? LocalDateTime.MIN
                : LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), ZoneOffset.UTC);
    }

    private static LocalDateTime clamp(LocalDateTime t) {
        return t.isBefore(DT64_MIN) ? DT64_MIN : t.isAfter(DT64_MAX) ? DT64_MAX : t;
    }

    private static LocalDate clamp(LocalDate d) {
        return d.isBefore(DATE32_MIN) ? DATE32_MIN : d.isAfter(DATE32_MAX) ? DATE32_MAX : d;
    }

    /** {@code yyyy-MM-dd HH:mm:ss.ffffff}. */
    private static String dateTime(LocalDateTime t) {
        return t.toLocalDate() + " " + time(t.toLocalTime()); // the same forms as TsvEncoder.dateTime
    }

    private static String time(LocalTime t) {
        if (t.equals(LocalTime.MAX)) {
            return "24:00:00.000000"; // Postgres' 24:00:00, as TsvEncoder writes it
        }
        return String.format("%02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
    }
}
