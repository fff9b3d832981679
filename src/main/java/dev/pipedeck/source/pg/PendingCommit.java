package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;

import java.time.Instant;

/**
 * The oldest change a slot holds that its consumer has not confirmed.
 *
 * @param commitTime the commit time of its transaction, or null when there is none or it is not known
 * @param noneUpTo   when not null: no pending change of the published tables up to this position
 * @param checkedAt  when {@code noneUpTo} was established
 */
public record PendingCommit(Instant commitTime, Lsn noneUpTo, Instant checkedAt) {
    public static final PendingCommit UNKNOWN = new PendingCommit(null, null, null);

    public static PendingCommit at(Instant commitTime) {
        return new PendingCommit(commitTime, null, null);
    }

    public static PendingCommit noneUpTo(Lsn lsn, Instant checkedAt) {
        return new PendingCommit(null, lsn, checkedAt);
    }

    public boolean found() {
        return commitTime != null;
    }

    public boolean none() {
        return noneUpTo != null;
    }
}
