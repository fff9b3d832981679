package dev.pipedeck.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The initial load as a user plans with it: per table and for the whole pipe, rows copied of the estimate, the
 * current rate and the time left. Computed from the table counters and the snapshot batches recorded in the last
 * {@link #RATE_WINDOW} (so a paused copy shows no rate and no time left, not a stale one).
 *
 * @param tables one line per source table
 * @param total  the sum over the tables
 */
public record InitialLoadProgress(List<Table> tables, Table total) {
    /** The rate is measured over the snapshot batches that ended this long before now. */
    public static final Duration RATE_WINDOW = Duration.ofSeconds(30);

    /**
     * One table's (or the pipe's) progress.
     *
     * @param table         source table ({@code schema.name}), or null for the pipe's total
     * @param rowsCopied    rows copied so far
     * @param rowsEstimated the planner's estimate (Postgres' reltuples), at least the rows copied; 0 when unknown
     * @param done          whether the copy is finished
     * @param rowsPerSecond over the last {@link #RATE_WINDOW}; 0 when nothing was written in it
     * @param secondsLeft   estimated; null when unknown (no rate yet, no estimate) and 0 when done
     */
    public record Table(String table, long rowsCopied, long rowsEstimated, boolean done, double rowsPerSecond,
                        Long secondsLeft) {
        /** 0..1, or -1 when there is no estimate. */
        public double fraction() {
            return done ? 1 : rowsEstimated <= 0 ? -1 : Math.min(1, (double) rowsCopied / rowsEstimated);
        }

        /** {@code 1,234,567 of ~5,000,000 rows (25%), 310,000 rows/s, 12 s left}; {@code done (5,000,000 rows)}. */
        public String text() {
            if (done) {
                return String.format("done (%,d rows)", rowsCopied);
            }
            StringBuilder sb = new StringBuilder(String.format("%,d", rowsCopied));
            if (rowsEstimated > 0) {
                sb.append(String.format(" of ~%,d rows (%.0f%%)", rowsEstimated, fraction() * 100));
            } else {
                sb.append(" rows");
            }
            sb.append(rowsPerSecond > 0 ? String.format(", %,.0f rows/s", rowsPerSecond) : ", no rows in the last "
                    + RATE_WINDOW.toSeconds() + " s");
            if (secondsLeft != null) {
                sb.append(", ").append(duration(secondsLeft)).append(" left");
            }
            return sb.toString();
        }
    }

    /** Whether the whole initial load is finished (false while no table has been planned yet). */
    public boolean done() {
        return total.done();
    }

    /**
     * @param counters the pipe's table counters
     * @param batches  the pipe's batches that ended at or after {@code now - RATE_WINDOW} (older ones are ignored)
     */
    public static InitialLoadProgress of(List<TableCounter> counters, List<SyncBatch> batches, Instant now) {
        Instant from = now.minus(RATE_WINDOW);
        Instant firstStart = null;
        Map<String, Long> recent = new HashMap<>();
        for (SyncBatch b : batches) {
            if (b.kind() != SyncBatch.Kind.SNAPSHOT || b.endedAt().isBefore(from)) {
                continue;
            }
            firstStart = firstStart == null || b.startedAt().isBefore(firstStart) ? b.startedAt() : firstStart;
            for (Map.Entry<String, TableCounts> e : b.byTable().entrySet()) {
                recent.merge(e.getKey(), e.getValue().snapshotRows(), Long::sum);
            }
        }
        // a copy that started less than a window ago is measured over the time since its first batch started
        double seconds = firstStart == null ? 0
                : Math.max(1, Duration.between(firstStart.isAfter(from) ? firstStart : from, now).toMillis() / 1000.0);
        List<Table> tables = new ArrayList<>();
        long copied = 0;
        long estimated = 0;
        double rate = 0;
        boolean allDone = true;
        for (TableCounter c : counters) {
            long rows = c.counts().snapshotRows();
            long est = c.snapshotEstimated() <= 0 ? 0 : Math.max(c.snapshotEstimated(), rows);
            double r = seconds > 0 ? recent.getOrDefault(c.sourceTable(), 0L) / seconds : 0;
            tables.add(table(c.sourceTable(), rows, est, c.snapshotDone(), r));
            copied += rows;
            estimated += c.snapshotDone() ? rows : est;
            rate += r;
            allDone &= c.snapshotDone();
        }
        return new InitialLoadProgress(List.copyOf(tables), table(null, copied, estimated, allDone && !tables.isEmpty(), rate));
    }

    private static Table table(String name, long copied, long estimated, boolean done, double rate) {
        Long left = done ? Long.valueOf(0) : rate > 0 && estimated > 0
                ? Long.valueOf((long) Math.ceil(Math.max(0, estimated - copied) / rate)) : null;
        return new Table(name, copied, estimated, done, rate, left);
    }

    /** 45 s, 12 min 5 s, 3 h 20 min. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
