package dev.pipedeck.source.pg;

import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A slot still held by a previous reader's session (a worker that died, before the server noticed): a plain open is
 * refused while it holds the slot; an open that takes over ends that session and streams, and the previous reader's
 * stream is cut. Real Postgres, two real walsenders.
 */
class SlotTakeOverTest {
    private static final TableRef T = new TableRef("public", "items");

    @Test
    void takingOverEndsThePreviousReadersSessionAndStreamsFromTheConfirmedPosition() throws Exception {
        SourceFixture f = new SourceFixture("slot_takeover");
        f.exec("CREATE TABLE " + T.quoted() + " (id int PRIMARY KEY)");
        f.source.ensurePublication("pub", List.of(T));
        f.source.createSlot(f.slot()).close();
        f.exec("INSERT INTO " + T.quoted() + " VALUES (1)");

        ReplicationStream previous = f.source.openStream(f.slot(), "pub", Lsn.ZERO);
        try {
            PipeDeckException refused = assertThrows(PipeDeckException.class,
                    () -> f.source.openStream(f.slot(), "pub", Lsn.ZERO).close());
            assertEquals(FailureKind.TRANSIENT, refused.kind(), refused.getMessage());
            long holder = f.queryLong("SELECT active_pid FROM pg_replication_slots WHERE slot_name = '" + f.slot() + "'");

            long t0 = System.nanoTime();
            try (ReplicationStream owner = f.source.openStream(f.slot(), "pub", Lsn.ZERO, Duration.ofSeconds(20))) {
                long tookMillis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(tookMillis < 20_000, "took " + tookMillis + " ms");
                long now = f.queryLong("SELECT active_pid FROM pg_replication_slots WHERE slot_name = '" + f.slot() + "'");
                assertTrue(now != holder, "the slot is held by the new session, not by process " + holder);
                f.exec("INSERT INTO " + T.quoted() + " VALUES (2)");
                List<Object> ids = SourceFixture.changes(f.drain(owner)).stream().map(c -> c.value(0)).toList();
                assertEquals(List.of(1, 2), ids, "nothing was confirmed, so the new owner reads both transactions");
            }
            PipeDeckException cut = assertThrows(PipeDeckException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    previous.poll(Duration.ofMillis(100));
                }
            });
            assertEquals(FailureKind.TRANSIENT, cut.kind(), cut.getMessage());
        } finally {
            previous.close();
        }
    }
}
