package dev.pipedeck.console.common;

import java.util.Locale;

/** Byte counts for people: 0 B, 512 B, 1.5 KB, 340 MB, 2.1 GB (binary units, as Postgres' pg_size_pretty). */
public final class Bytes {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

    private Bytes() {}

    public static String human(long bytes) {
        if (bytes < 0) {
            return "-" + human(-bytes);
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        // one decimal below 10 so small values keep their precision, none above (340 MB, not 340.2 MB)
        String pattern = v < 10 ? "%.1f %s" : "%.0f %s";
        return String.format(Locale.ROOT, pattern, v, UNITS[unit]);
    }

    /** Like {@link #human(long)}, with "unknown" for a missing value. */
    public static String human(Long bytes) {
        return bytes == null ? "unknown" : human(bytes.longValue());
    }
}
