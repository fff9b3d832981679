package dev.pipedeck.sink;

import dev.pipedeck.change.TypeFamily;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Turns the text a destination returns back into the Java value {@link TypeFamily} promises, for comparisons. */
public final class ValueText {
    private ValueText() {}

    public static Object parse(TypeFamily f, String t) {
        if (t == null) {
            return null;
        }
        return switch (f) {
            case BOOL -> t.equals("1") || t.equalsIgnoreCase("true");
            case INT2 -> Short.parseShort(t);
            case INT4 -> Integer.parseInt(t);
            case INT8 -> Long.parseLong(t);
            case FLOAT4 -> (float) parseDouble(t);
            case FLOAT8 -> parseDouble(t);
            case NUMERIC -> t.equals("NaN") || t.equals("Infinity") || t.equals("-Infinity") ? t : new BigDecimal(t);
            case BYTEA -> HexFormat.of().parseHex(t.toLowerCase());
            case UUID -> java.util.UUID.fromString(t);
            case DATE -> t.equals("infinity") ? LocalDate.MAX : t.equals("-infinity") ? LocalDate.MIN : LocalDate.parse(t);
            case TIME -> LocalTime.parse(t);
            case TIMETZ -> OffsetTime.parse(t.matches(".*[+-]\\d\\d$") ? t + ":00" : t);
            case TIMESTAMP -> t.equals("infinity") ? LocalDateTime.MAX : t.equals("-infinity") ? LocalDateTime.MIN
                    : LocalDateTime.parse(t.replace(' ', 'T'));
            case TIMESTAMPTZ -> t.equals("infinity") ? Instant.MAX : t.equals("-infinity") ? Instant.MIN
                    : LocalDateTime.parse(t.replaceAll("(\\+00(:00)?|Z)$", "").replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            default -> t;
        };
    }

    static double parseDouble(String t) {
        return switch (t) {
            case "nan", "-nan", "NaN" -> Double.NaN;
            case "inf", "+inf", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }

    /** Parses a ClickHouse array literal ({@code [1,NULL,'a\'b']}) into element texts (null for NULL). */
    public static List<String> chArray(String t) {
        List<String> out = new ArrayList<>();
        int i = 1;
        if (t.equals("[]")) {
            return out;
        }
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '\'') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (t.charAt(i) != '\'') {
                    char x = t.charAt(i);
                    if (x == '\\') {
                        char n = t.charAt(++i);
                        sb.append(switch (n) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case '0' -> '\0';
                            default -> n;
                        });
                    } else {
                        sb.append(x);
                    }
                    i++;
                }
                out.add(sb.toString());
                i++;
            } else {
                int end = i;
                while (t.charAt(end) != ',' && t.charAt(end) != ']') {
                    end++;
                }
                String raw = t.substring(i, end);
                out.add(raw.equals("NULL") ? null : raw);
                i = end;
            }
            i++; // ',' or ']'
        }
        return out;
    }

    /** Undoes ClickHouse TabSeparated escaping; {@code \N} is NULL. */
    public static String tsvField(String s) {
        return s.equals("\\N") ? null : dev.pipedeck.sink.clickhouse.TsvText.unescape(s);
    }
}
