package dev.pipedeck.catalog;

/**
 * How much more WAL a replication slot may retain before Postgres invalidates it, read from one sample. Postgres'
 * {@code safe_wal_size} is NULL when {@code max_slot_wal_keep_size} is -1 (no limit) or the slot is already lost, and
 * goes <em>negative</em> once the slot retains more than the limit: the slot is then being lost (wal_status
 * {@code unreserved}) and is invalidated at the next checkpoint unless its consumer catches up.
 *
 * @param bytes      LEFT: bytes left; OVER_LIMIT: bytes retained beyond the limit (positive); otherwise null
 * @param limitBytes max_slot_wal_keep_size, null when unlimited or unknown
 */
public record SlotHeadroom(Kind kind, Long bytes, Long limitBytes) {
    public enum Kind {
        /** no sample yet, no slot, or a server before Postgres 13 */
        UNKNOWN,
        /** max_slot_wal_keep_size = -1: the slot may grow until the disk is full */
        UNLIMITED,
        /** {@link #bytes()} can still be written before the slot is in danger */
        LEFT,
        /** safe_wal_size is negative: the slot is over the limit and being lost */
        OVER_LIMIT,
        /** wal_status = lost: the slot was invalidated */
        LOST
    }

    public static SlotHeadroom of(SlotSampleRow s) {
        if (s == null || !s.slotExists()) {
            return new SlotHeadroom(Kind.UNKNOWN, null, null);
        }
        // the sampler stores -1 (no limit) as null; a negative figure from elsewhere means the same
        Long max = s.maxSlotWalKeepSizeBytes() == null || s.maxSlotWalKeepSizeBytes() < 0 ? null : s.maxSlotWalKeepSizeBytes();
        Long safe = s.safeWalSizeBytes();
        if ("lost".equals(s.walStatus())) {
            return new SlotHeadroom(Kind.LOST, null, max);
        }
        if (safe == null) {
            // Postgres: NULL safe_wal_size with a limit set only for a lost slot; before Postgres 13 there is no figure
            return new SlotHeadroom(max == null && s.walStatus() != null ? Kind.UNLIMITED : Kind.UNKNOWN, null, max);
        }
        return safe < 0 ? new SlotHeadroom(Kind.OVER_LIMIT, -safe, max) : new SlotHeadroom(Kind.LEFT, safe, max);
    }

    /** Over the limit or lost: the operator must act now. */
    public boolean exhausted() {
        return kind == Kind.OVER_LIMIT || kind == Kind.LOST;
    }
}
