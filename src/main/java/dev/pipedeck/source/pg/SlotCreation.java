package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;

/**
 * A freshly created slot. {@code snapshotName} is valid only while this object is open (it holds the replication
 * connection that exported it); close it once the initial copy is done.
 */
public interface SlotCreation extends AutoCloseable {
    String slotName();

    Lsn consistentPoint();

    String snapshotName();

    @Override
    void close();
}
