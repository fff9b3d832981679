package dev.pipedeck.catalog;

import java.time.Instant;

/** A stored reading of a pipe's replication slot (bytes are null when unknown). */
public record SlotSampleRow(long pipeId, Instant at, boolean slotExists, boolean active, Long retainedWalBytes,
                            Long backlogBytes, String walStatus, Long safeWalSizeBytes, Long maxSlotWalKeepSizeBytes,
                            Long currentLsn, Long confirmedLsn, Long restartLsn) {
}
