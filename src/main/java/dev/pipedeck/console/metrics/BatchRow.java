package dev.pipedeck.console.metrics;

import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.change.Lsn;

import java.time.Duration;
import java.time.Instant;

/** A line of the CDC syncs table. */
public record BatchRow(long id, String kind, Instant startedAt, Duration duration, long rows, String lsnRange) {
    static BatchRow of(SyncBatch b) {
        return new BatchRow(b.id(), b.kind() == SyncBatch.Kind.CDC ? "CDC" : "Snapshot", b.startedAt(),
                Duration.between(b.startedAt(), b.endedAt()), b.totals().total(),
                Lsn.format(b.startLsn()) + " – " + Lsn.format(b.endLsn()));
    }
}
