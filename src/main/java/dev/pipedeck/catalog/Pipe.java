package dev.pipedeck.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A pipe as the catalog holds it. Passwords are kept encrypted ({@code *PasswordEnc}); use {@link SecretBox} to open
 * them. The URLs carry no password.
 */
public record Pipe(long id, String name, String sourceUrl, String sourceUser, String sourcePasswordEnc,
                   String destinationUrl, String destinationPasswordEnc, List<TableMapping> tables, int batchSize,
                   Duration syncInterval, int snapshotParallelism, String slotName, String publicationName,
                   DesiredState desiredState, PipeStatus status, String statusReason, Instant statusChangedAt,
                   String lastError, Instant lastErrorAt, boolean slotCreated, boolean snapshotDone,
                   long confirmedLsn, Long consistentLsn, Instant consistentCommitTime, long rowsSynced,
                   Instant lastSyncedAt, String ownerWorker, Instant ownerSince, boolean everClaimed,
                   Instant createdAt, String createdBy) {
}
