package dev.pipedeck.source.pg.codec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * Date/time codecs for Postgres' ISO text output (PgJDBC sets {@code DateStyle=ISO} on every connection, the
 * replication connection included). Hand-written rather than DateTimeFormatter because Postgres writes years beyond
 * 9999, {@code BC} suffixes, {@code 24:00:00}, and offsets with optional minutes/seconds; it is also faster.
 */
final class DateTimeCodecs {
    private DateTimeCodecs() {}

    static final ValueCodec DATE = text -> switch (text) {
        case "infinity" -> LocalDate.MAX;
        case "-infinity" -> LocalDate.MIN;
        default -> {
            boolean bc = text.endsWith(" BC");
            yield parseDate(bc ? text.substring(0, text.length() - 3) : text, bc);
        }
    };

    static final ValueCodec TIME = DateTimeCodecs::parseTime;

    static final ValueCodec TIMETZ = text -> {
        int off = offsetStart(text);
        return OffsetTime.of(parseTime(text.substring(0, off)), parseOffset(text.substring(off)));
    };

    static final ValueCodec TIMESTAMP = text -> switch (text) {
        case "infinity" -> LocalDateTime.MAX;
        case "-infinity" -> LocalDateTime.MIN;
        default -> parseTimestamp(text);
    };

    static final ValueCodec TIMESTAMPTZ = text -> switch (text) {
        case "infinity" -> Instant.MAX;
        case "-infinity" -> Instant.MIN;
        default -> {
            boolean bc = text.endsWith(" BC");
            String t = bc ? text.substring(0, text.length() - 3) : text;
            int space = t.indexOf(' ');
            String timePart = t.substring(space + 1);
            int off = offsetStart(timePart);
            LocalDateTime ldt = LocalDateTime.of(parseDate(t.substring(0, space), bc),
                    parseTime(timePart.substring(0, off)));
            yield ldt.toInstant(parseOffset(timePart.substring(off)));
        }
    };

    private static LocalDateTime parseTimestamp(String text) {
        boolean bc = text.endsWith(" BC");
        String t = bc ? text.substring(0, text.length() - 3) : text;
        int space = t.indexOf(' ');
        return LocalDateTime.of(parseDate(t.substring(0, space), bc), parseTime(t.substring(space + 1)));
    }

    static LocalDate parseDate(String s, boolean bc) {
        int d1 = s.indexOf('-');
        int d2 = s.indexOf('-', d1 + 1);
        int year = Integer.parseInt(s, 0, d1, 10);
        if (bc) {
            year = 1 - year; // 1 BC is proleptic year 0
        }
        return LocalDate.of(year, Integer.parseInt(s, d1 + 1, d2, 10), Integer.parseInt(s, d2 + 1, s.length(), 10));
    }

    static LocalTime parseTime(String s) {
        int h = Integer.parseInt(s, 0, 2, 10);
        int m = Integer.parseInt(s, 3, 5, 10);
        int sec = Integer.parseInt(s, 6, 8, 10);
        int nanos = 0;
        if (s.length() > 8 && s.charAt(8) == '.') {
            int digits = s.length() - 9;
            nanos = Integer.parseInt(s, 9, s.length(), 10);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (h == 24) {
            // Postgres allows 24:00:00 (end of day); java.time does not, so it becomes the last representable instant.
            return LocalTime.MAX;
        }
        return LocalTime.of(h, m, sec, nanos);
    }

    /** Index where the {@code +hh[:mm[:ss]]} / {@code -hh..} offset starts in a time-with-zone string. */
    private static int offsetStart(String s) {
        for (int i = 8; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '-') {
                return i;
            }
        }
        throw new IllegalArgumentException("no time zone offset in: " + s);
    }

    /** {@code ±hh[:mm[:ss]]}, read in place (it runs once per timestamptz value on the stream thread). */
    static ZoneOffset parseOffset(String s) {
        int sign = s.charAt(0) == '-' ? -1 : 1;
        int total = 0;
        int part = 0;
        int i = 1;
        while (i <= s.length() && part < 3) {
            int end = s.indexOf(':', i);
            if (end < 0) {
                end = s.length();
            }
            total += Integer.parseInt(s, i, end, 10) * (part == 0 ? 3600 : part == 1 ? 60 : 1);
            part++;
            i = end + 1;
        }
        return ZoneOffset.ofTotalSeconds(sign * total);
    }
}
