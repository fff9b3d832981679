package dev.pipedeck.control;

import dev.pipedeck.catalog.TableMapping;

import java.time.Duration;
import java.util.List;

/**
 * A pipe as the user describes it (URLs may carry passwords; they are split off and encrypted on create).
 */
public record PipeSpec(String name, String sourceUrl, String destinationUrl, List<TableMapping> tables, int batchSize,
                       Duration syncInterval, int snapshotParallelism) {
    public static final int DEFAULT_BATCH_SIZE = 100_000;
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_SNAPSHOT_PARALLELISM = 4;
}
