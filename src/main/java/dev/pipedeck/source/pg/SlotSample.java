package dev.pipedeck.source.pg;

import java.time.Instant;

/**
 * One reading of a replication slot. Byte figures are -1 when unknown (e.g. the slot is gone).
 *
 * @param exists             false when the slot does not exist (dropped)
 * @param active             a consumer is connected
 * @param restartLsn         oldest WAL the slot still needs
 * @param confirmedFlushLsn  what the consumer confirmed
 * @param currentLsn         the server's current WAL insert position
 * @param retainedWalBytes   current − restart: WAL kept on disk for this slot
 * @param backlogBytes       current − confirmed: WAL not yet consumed
 * @param walStatus          reserved / extended / unreserved / lost (null when unknown)
 * @param safeWalSizeBytes   bytes that can still be written before the slot is in danger of being lost; negative when
 *                           the slot is over max_slot_wal_keep_size (being lost); null when unlimited, lost or unknown
 * @param maxSlotWalKeepSizeBytes the server's max_slot_wal_keep_size; -1 when unlimited
 */
public record SlotSample(Instant at, String slotName, boolean exists, boolean active, long restartLsn,
                         long confirmedFlushLsn, long currentLsn, long retainedWalBytes, long backlogBytes,
                         String walStatus, Long safeWalSizeBytes, long maxSlotWalKeepSizeBytes) {
    /** The slot was invalidated by the server (WAL it needed was removed): the pipe cannot continue from it. */
    public boolean isLost() {
        return "lost".equals(walStatus) || (exists && restartLsn == 0 && walStatus == null);
    }
}
