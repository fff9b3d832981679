package dev.pipedeck.console.common;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.SnapshotSettings;
import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.catalog.TableCounter;

import java.util.List;

/**
 * What the Settings and Metrics tabs need of the open pipe.
 *
 * @param recentBatches last 50 batches, newest first (the CDC syncs table)
 * @param chartBatches  batches of the last 15 minutes, oldest first (throughput chart)
 * @param slotSamples   slot samples of the last hour, oldest first (slot chart)
 */
public record PipeDetails(Pipe pipe, List<SyncBatch> recentBatches, List<SyncBatch> chartBatches,
                          List<TableCounter> tables, List<SlotSampleRow> slotSamples, SnapshotSettings snapshotSettings) {
    /** With the default snapshot settings. */
    public PipeDetails(Pipe pipe, List<SyncBatch> recentBatches, List<SyncBatch> chartBatches, List<TableCounter> tables,
                       List<SlotSampleRow> slotSamples) {
        this(pipe, recentBatches, chartBatches, tables, slotSamples, SnapshotSettings.defaults());
    }

    public PipeDetails {
        recentBatches = List.copyOf(recentBatches);
        chartBatches = List.copyOf(chartBatches);
        tables = List.copyOf(tables);
        slotSamples = List.copyOf(slotSamples);
    }

    public PipeDetails withPipe(Pipe p) {
        return new PipeDetails(p, recentBatches, chartBatches, tables, slotSamples, snapshotSettings);
    }

    public SlotSampleRow latestSample() {
        return slotSamples.isEmpty() ? null : slotSamples.get(slotSamples.size() - 1);
    }
}
