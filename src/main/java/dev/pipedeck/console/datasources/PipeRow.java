package dev.pipedeck.console.datasources;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotHeadroom;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.console.common.Bytes;
import dev.pipedeck.console.common.PipeDisplay;
import dev.pipedeck.console.common.ShownStatus;

import java.time.Instant;

/**
 * One line of the Data Sources table; raw values so each column sorts by its meaning, not its text.
 *
 * @param headroom the slot's headroom: a slot over max_slot_wal_keep_size (or lost) is flagged in the WAL column
 * @param reason   why the pipe is in its status (e.g. "resume requested by ... (the tables added by the edit are copied
 *                 first)"), the row's tooltip; null when none
 */
public record PipeRow(String name, PipeStatus status, String source, String destination, long rowsSynced,
                      Long retainedWalBytes, Instant lastSyncedAt, SlotHeadroom.Kind headroom, Double lagSeconds, String reason) {

    public PipeRow(String name, PipeStatus status, String source, String destination, long rowsSynced,
                   Long retainedWalBytes, Instant lastSyncedAt, SlotHeadroom.Kind headroom, Double lagSeconds) {
        this(name, status, source, destination, rowsSynced, retainedWalBytes, lastSyncedAt, headroom, lagSeconds, null);
    }

    public PipeRow(String name, PipeStatus status, String source, String destination, long rowsSynced,
                   Long retainedWalBytes, Instant lastSyncedAt) {
        this(name, status, source, destination, rowsSynced, retainedWalBytes, lastSyncedAt, SlotHeadroom.Kind.UNKNOWN,
                null);
    }

    static PipeRow of(Pipe p, SlotSampleRow latest) {
        return new PipeRow(p.name(), ShownStatus.of(p), PipeDisplay.source(p), PipeDisplay.destination(p), p.rowsSynced(),
                latest == null ? null : latest.retainedWalBytes(), p.lastSyncedAt(), SlotHeadroom.of(latest).kind(),
                latest == null ? null : latest.lagSeconds(), p.statusReason());
    }

    /** The row's tooltip: "Modifying: resume requested by ... (the tables added by the edit are copied first)". */
    String statusText() {
        return reason == null || reason.isBlank() ? status.label() : status.label() + ": " + reason;
    }

    /** The WAL column's text: the retained WAL, and whether the slot is over its limit (being lost) or lost. */
    String walText() {
        String bytes = retainedWalBytes == null ? "—" : Bytes.human(retainedWalBytes);
        return switch (headroom) {
            case OVER_LIMIT -> bytes + " · over limit";
            case LOST -> bytes + " · slot lost";
            default -> bytes;
        };
    }

    /** Whether the filter text (case-insensitive) appears in the name, status, source or destination. */
    boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String f = filter.strip().toLowerCase();
        return name.toLowerCase().contains(f) || status.label().toLowerCase().contains(f)
                || source.toLowerCase().contains(f) || destination.toLowerCase().contains(f);
    }
}
