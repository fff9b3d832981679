package dev.pipedeck.change;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One text per value, whichever database printed it: what {@code pipe verify} hashes on both sides. Each side reads
 * its columns as text (Postgres {@code ::text} with TimeZone UTC, ClickHouse TabSeparated, DuckDB VARCHAR; binary as
 * hex); this turns the dialects into one form: booleans 0/1, numbers without trailing zeros, timestamps in UTC with
 * microseconds, hex in lower case.
 */
public final class CanonicalText {
    private static final DateTimeFormatter TIME_MICROS = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true).toFormatter(Locale.ROOT);
    private static final DateTimeFormatter PARSE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    /** Postgres' {@code 24:00:00}, which java.time cannot hold. */
    private static final String END_OF_DAY = "24:00:00.000000";

    private CanonicalText() {}

    /** Families compared by value; arrays are not (their text differs too much between the three databases). */
    public static boolean comparable(TypeFamily f) {
        return f != TypeFamily.ARRAY;
    }

    /** The canonical text of one value printed by any of the databases; null stays null. */
    public static String of(TypeFamily f, String t) {
        if (t == null) {
            return null;
        }
        try {
            return switch (f) {
                case BOOL -> t.equals("t") || t.equals("1") || t.equalsIgnoreCase("true") ? "1" : "0";
                case INT2, INT4, INT8 -> Long.toString(Long.parseLong(t.strip()));
                case FLOAT4 -> Float.toString((float) dbl(t));
                case FLOAT8 -> Double.toString(dbl(t));
                case NUMERIC -> numeric(t);
                case BYTEA -> (t.startsWith("\\x") ? t.substring(2) : t).toLowerCase(Locale.ROOT);
                case UUID -> t.toLowerCase(Locale.ROOT);
                case DATE -> t.contains("infinity") ? t : date(t);
                case TIME -> t.startsWith("24:00:00") ? END_OF_DAY : LocalTime.parse(t).format(TIME_MICROS);
                case TIMETZ -> time(t);
                case TIMESTAMP, TIMESTAMPTZ -> t.contains("infinity") ? t : timestamp(t);
                default -> t;
            };
        } catch (RuntimeException e) {
            return t; // an unexpected form compares as printed: a difference shows up, it is not hidden
        }
    }

    private static String numeric(String t) {
        if (t.equals("NaN") || t.equals("Infinity") || t.equals("-Infinity")) {
            return t;
        }
        BigDecimal d = new BigDecimal(t.strip());
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static double dbl(String t) {
        return switch (t.strip()) {
            case "nan", "-nan", "NaN" -> Double.NaN;
            case "inf", "+inf", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t.strip());
        };
    }

    private static String time(String t) {
        String s = t.matches(".*[+-]\\d\\d$") ? t + ":00" : t;
        if (s.startsWith("24:00:00")) {
            int off = s.indexOf('+', 8) >= 0 ? s.indexOf('+', 8) : s.indexOf('-', 8);
            return END_OF_DAY + ZoneOffset.of(s.substring(off));
        }
        OffsetTime o = OffsetTime.parse(s);
        return o.toLocalTime().format(TIME_MICROS) + o.getOffset();
    }

    /**
     * A date as {@link LocalDate#toString()} writes it (ISO years: 44 BC is -0043, 10000 is +10000), from Postgres'
     * {@code 0044-03-15 BC} and {@code 10000-01-01}, DuckDB's {@code 0044-03-15 (BC)} or that ISO form.
     */
    private static String date(String t) {
        String s = bcFree(t);
        int space = s.indexOf(' ');
        return datePart(space > 0 ? s.substring(0, space) : s, bc(t)).toString();
    }

    /** A timestamp in UTC (when it has an offset) as {@code <date as in date()> HH:mm:ss.ffffff}. */
    private static String timestamp(String t) {
        boolean bc = bc(t);
        String s = bcFree(t);
        int space = s.indexOf(' ', 8);
        int tee = s.indexOf('T', 8);
        int cut = space > 0 ? space : tee;
        LocalDate date = datePart(s.substring(0, cut), bc);
        var parsed = PARSE.parse("2000-01-01 " + s.substring(cut + 1));
        LocalDateTime local = LocalDateTime.of(date, LocalTime.from(parsed));
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            local = OffsetDateTime.of(local, ZoneOffset.from(parsed)).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return local.toLocalDate() + " " + local.toLocalTime().format(TIME_MICROS);
    }

    private static boolean bc(String t) {
        return t.endsWith(" BC") || t.contains(" (BC)");
    }

    private static String bcFree(String t) {
        return t.replace(" (BC)", "").replace(" BC", "").strip();
    }

    /** {@code [+-]yyyy[y...]-MM-dd}, the year of era when {@code bc} (1 BC is year 0). */
    private static LocalDate datePart(String s, boolean bc) {
        int d2 = s.lastIndexOf('-');
        int d1 = s.lastIndexOf('-', d2 - 1);
        int year = Integer.parseInt(s.substring(0, d1).replace("+", ""));
        return LocalDate.of(bc ? 1 - year : year, Integer.parseInt(s.substring(d1 + 1, d2)),
                Integer.parseInt(s.substring(d2 + 1, Math.min(s.length(), d2 + 3))));
    }

    /** A row's fingerprint: SHA-256 over the canonical texts (NULL distinct from every text), 32 hex digits. */
    public static String fingerprint(List<String> canonical) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String v : canonical) {
                if (v == null) {
                    md.update((byte) 0);
                } else {
                    md.update((byte) 1);
                    md.update(v.getBytes(StandardCharsets.UTF_8));
                }
                md.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
