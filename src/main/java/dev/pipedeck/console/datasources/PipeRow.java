package dev.pipedeck.console.datasources;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.console.common.PipeDisplay;
import dev.pipedeck.console.common.ShownStatus;

import java.time.Instant;

/** One line of the Data Sources table; raw values so each column sorts by its meaning, not its text. */
public record PipeRow(String name, PipeStatus status, String source, String destination, long rowsSynced,
                      Long retainedWalBytes, Instant lastSyncedAt, Double lagSeconds) {

    static PipeRow of(Pipe p, SlotSampleRow latest) {
        return new PipeRow(p.name(), ShownStatus.of(p), PipeDisplay.source(p), PipeDisplay.destination(p), p.rowsSynced(),
                latest == null ? null : latest.retainedWalBytes(), p.lastSyncedAt(),
                latest == null ? null : latest.lagSeconds());
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
