package dev.pipedeck.console.common;

import dev.pipedeck.catalog.SlotHeadroom;

/** A slot's headroom in the console's words: a negative safe_wal_size is a slot being lost, never "no limit". */
public final class HeadroomText {
    private HeadroomText() {}

    public static String of(SlotHeadroom h) {
        return switch (h.kind()) {
            case UNKNOWN -> "unknown";
            case UNLIMITED -> "no limit (max_slot_wal_keep_size = -1)";
            case LEFT -> Bytes.human(h.bytes()) + " of " + Bytes.human(h.limitBytes()) + " (safe_wal_size)";
            case OVER_LIMIT -> "over the limit by " + Bytes.human(h.bytes()) + " (max_slot_wal_keep_size " + Bytes.human(h.limitBytes())
                    + "): the slot is being lost — resume the pipe now or raise max_slot_wal_keep_size";
            case LOST -> "none: the slot was lost (wal_status = lost)";
        };
    }
}
