package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;

import java.sql.Connection;

/**
 * Holds the replication connection that created the slot: the exported snapshot lives exactly as long as that
 * connection stays open and idle, so it must not be used for anything else.
 */
final class PgSlotCreation implements SlotCreation {
    private final String slotName;
    private final Lsn consistentPoint;
    private final String snapshotName;
    private final Connection replicationConnection;

    PgSlotCreation(String slotName, Lsn consistentPoint, String snapshotName, Connection replicationConnection) {
        this.slotName = slotName;
        this.consistentPoint = consistentPoint;
        this.snapshotName = snapshotName;
        this.replicationConnection = replicationConnection;
    }

    @Override
    public String slotName() {
        return slotName;
    }

    @Override
    public Lsn consistentPoint() {
        return consistentPoint;
    }

    @Override
    public String snapshotName() {
        return snapshotName;
    }

    @Override
    public void close() {
        PgConnections.closeQuietly(replicationConnection);
    }
}
