package dev.pipedeck.control;

import dev.pipedeck.catalog.SnapshotSettings;
import dev.pipedeck.catalog.TableMapping;

import java.time.Duration;
import java.util.List;

/**
 * A pipe as the user describes it (URLs may carry passwords; they are split off and encrypted on create).
 */
public record PipeSpec(String name, String sourceUrl, String destinationUrl, List<TableMapping> tables, int batchSize,
                       Duration syncInterval, int snapshotParallelism, SnapshotSettings snapshot) {
    public static final int DEFAULT_BATCH_SIZE = 100_000;
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_SNAPSHOT_PARALLELISM = SnapshotSettings.DEFAULT_READERS_PER_TABLE;

    /** {@code snapshotParallelism} is the readers per table; the other snapshot settings are the defaults. */
    public PipeSpec(String name, String sourceUrl, String destinationUrl, List<TableMapping> tables, int batchSize,
                    Duration syncInterval, int snapshotParallelism) {
        this(name, sourceUrl, destinationUrl, tables, batchSize, syncInterval, snapshotParallelism,
                new SnapshotSettings(SnapshotSettings.DEFAULT_ROWS_PER_PARTITION, snapshotParallelism,
                        SnapshotSettings.DEFAULT_TABLES_IN_PARALLEL));
    }

    /** With explicit snapshot settings (their readers per table is also the pipe's snapshot parallelism). */
    public PipeSpec(String name, String sourceUrl, String destinationUrl, List<TableMapping> tables, int batchSize,
                    Duration syncInterval, SnapshotSettings snapshot) {
        this(name, sourceUrl, destinationUrl, tables, batchSize, syncInterval, snapshot.readersPerTable(), snapshot);
    }
}
