package dev.pipedeck.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How long a replication slot that is not consumed (a paused pipe's, or a stalled one's) can keep retaining WAL before
 * the source invalidates it. A held slot grows by exactly the WAL the server writes, so the rate is the slope of the
 * server's WAL position over the recent samples — known before a pause as well as during one. The budget is the
 * slot's {@code safe_wal_size} when the server limits slots ({@code max_slot_wal_keep_size}), else the pipe's own WAL
 * limit minus the WAL directory's size on disk; without either there is no forecast.
 *
 * @param bytesPerSecond the server's WAL write rate (null until samples span {@link #MIN_SPAN})
 * @param budgetBytes    WAL the slot may still retain (null: no limit)
 * @param secondsLeft    budget / rate (null: no limit, or no rate yet, or no WAL written)
 */
public record WalForecast(Double bytesPerSecond, Long budgetBytes, Double secondsLeft) {
    /** Samples of this long a window give the rate. */
    public static final Duration RATE_WINDOW = Duration.ofMinutes(10);
    /** The rate needs samples at least this far apart. */
    public static final Duration MIN_SPAN = Duration.ofSeconds(10);

    public static final WalForecast UNKNOWN = new WalForecast(null, null, null);

    /** The forecast for the newest of {@code samples} (oldest first), with the pipe's WAL limit (null: none). */
    public static WalForecast of(List<SlotSampleRow> samples, Long walLimitBytes) {
        if (samples.isEmpty()) {
            return UNKNOWN;
        }
        SlotSampleRow last = samples.get(samples.size() - 1);
        return of(rate(samples), budget(last, walLimitBytes));
    }

    public static WalForecast of(Double rate, Long budget) {
        Double left = null;
        if (budget != null && rate != null && rate > 0.5) {
            left = budget / rate;
        } else if (budget != null && budget == 0) {
            left = 0.0;
        }
        return new WalForecast(rate, budget, left);
    }

    /** Least-squares slope of the server's WAL position over time, in bytes per second. */
    public static Double rate(List<SlotSampleRow> samples) {
        List<SlotSampleRow> pts = samples.stream().filter(s -> s.currentLsn() != null).toList();
        if (pts.size() < 2) {
            return null;
        }
        long t0 = pts.get(0).at().toEpochMilli();
        long span = pts.get(pts.size() - 1).at().toEpochMilli() - t0;
        if (span < MIN_SPAN.toMillis()) {
            return null;
        }
        long y0 = pts.get(0).currentLsn();
        double n = pts.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (SlotSampleRow s : pts) {
            double x = (s.at().toEpochMilli() - t0) / 1000.0;
            double y = s.currentLsn() - y0;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double den = n * sxx - sx * sx;
        if (den <= 0) {
            return null;
        }
        return Math.max(0, (n * sxy - sx * sy) / den);
    }

    /** WAL the slot may still retain before it is lost; null when nothing limits it. */
    public static Long budget(SlotSampleRow s, Long walLimitBytes) {
        if (s == null || !s.slotExists()) {
            return null;
        }
        if ("lost".equals(s.walStatus())) {
            return 0L;
        }
        Long max = s.maxSlotWalKeepSizeBytes();
        if (max != null && max >= 0 && s.safeWalSizeBytes() != null) {
            return Math.max(0, s.safeWalSizeBytes());
        }
        if (walLimitBytes != null) {
            Long used = s.walDirBytes() != null ? s.walDirBytes() : s.retainedWalBytes();
            return used == null ? null : Math.max(0, walLimitBytes - used);
        }
        return null;
    }

    public boolean limited() {
        return budgetBytes != null;
    }

    /** "at the current rate (12 MB/min) the slot is lost in about 3 h 20 min", or why there is no forecast. */
    public String text() {
        if (budgetBytes == null) {
            return "no WAL limit: max_slot_wal_keep_size is -1 and the pipe sets no WAL limit, so the slot can grow "
                    + "until the source's disk is full";
        }
        if (budgetBytes == 0) {
            return "the slot's WAL budget is used up: the source may invalidate the slot at any moment";
        }
        if (bytesPerSecond == null) {
            return bytes(budgetBytes) + " of WAL budget left; the WAL rate is not known yet (it needs a few slot samples)";
        }
        if (secondsLeft == null) {
            return "the source writes almost no WAL now, so the slot's " + bytes(budgetBytes) + " of WAL budget lasts "
                    + "as long as that stays so";
        }
        return "at the current rate (" + bytes(Math.round(bytesPerSecond * 60)) + "/min) the slot is lost in about "
                + duration(secondsLeft);
    }

    /** 12000 → "3 h 20 min"; 50 → "1 min"; 200000 → "2 d 7 h". */
    public static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s < 60) {
            return "less than a minute";
        }
        long min = (s + 30) / 60;
        if (min < 60) {
            return min + " min";
        }
        long h = min / 60;
        if (h < 48) {
            long m = min % 60;
            return m == 0 ? h + " h" : h + " h " + m + " min";
        }
        long d = h / 24;
        long rh = h % 24;
        return rh == 0 ? d + " d" : d + " d " + rh + " h";
    }

    /** Binary units, as Postgres' pg_size_pretty: 1.5 KB, 340 MB. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
