package dev.pipedeck.console.metrics;

import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.SyncBatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Turns batches and slot samples into chart points. Pure, so the arithmetic is tested without a chart. */
final class ChartSeries {
    static final Duration THROUGHPUT_WINDOW = Duration.ofMinutes(15);
    static final Duration BUCKET = Duration.ofSeconds(30);
    static final double MB = 1024.0 * 1024.0;

    private ChartSeries() {}

    /**
     * Rows per second in 30-second buckets over the 15 minutes before {@code now}, empty buckets included so a
     * stall (or a pause) shows as a drop to zero. A batch counts in the bucket where it ended.
     */
    static List<ChartPoint> throughput(List<SyncBatch> batches, Instant now) {
        int n = (int) (THROUGHPUT_WINDOW.toSeconds() / BUCKET.toSeconds());
        long[] rows = new long[n];
        Instant start = now.minus(THROUGHPUT_WINDOW);
        for (SyncBatch b : batches) {
            long offset = Duration.between(start, b.endedAt()).toSeconds();
            if (offset >= 0 && offset < THROUGHPUT_WINDOW.toSeconds()) {
                rows[(int) (offset / BUCKET.toSeconds())] += b.totals().total();
            }
        }
        List<ChartPoint> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ChartPoint(start.plus(BUCKET.multipliedBy(i + 1L)), rows[i] / (double) BUCKET.toSeconds()));
        }
        return out;
    }

    /** One value of each sample in MB (samples without the value are skipped). */
    static List<ChartPoint> megabytes(List<SlotSampleRow> samples, Function<SlotSampleRow, Long> value) {
        List<ChartPoint> out = new ArrayList<>(samples.size());
        for (SlotSampleRow s : samples) {
            Long v = value.apply(s);
            if (v != null) {
                out.add(new ChartPoint(s.at(), v / MB));
            }
        }
        return out;
    }

    /** One value of each sample as is (seconds); samples without the value are skipped. */
    static List<ChartPoint> seconds(List<SlotSampleRow> samples, Function<SlotSampleRow, Double> value) {
        List<ChartPoint> out = new ArrayList<>(samples.size());
        for (SlotSampleRow s : samples) {
            Double v = value.apply(s);
            if (v != null) {
                out.add(new ChartPoint(s.at(), v));
            }
        }
        return out;
    }
}
