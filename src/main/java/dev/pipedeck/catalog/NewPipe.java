package dev.pipedeck.catalog;

import java.time.Duration;
import java.util.List;

/** What is stored when a pipe is created (passwords already encrypted, URLs without passwords). */
public record NewPipe(String name, String sourceUrl, String sourceUser, String sourcePasswordEnc,
                      String destinationUrl, String destinationPasswordEnc, List<TableMapping> tables,
                      int batchSize, Duration syncInterval, int snapshotParallelism, String slotName,
                      String publicationName, String createdBy) {
}
