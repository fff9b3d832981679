package dev.pipedeck.source.pg;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamTest {
    private static final TableRef T = new TableRef("public", "Order Items");

    private static SourceFixture setUp(String prefix, String ddl) {
        SourceFixture f = new SourceFixture(prefix);
        f.exec(ddl);
        f.source.ensurePublication("pub", List.of(T));
        f.source.createSlot(f.slot()).close();
        return f;
    }

    @Test
    void transactionsCarryPositionsCommitDataAndDeleteKeys() {
        SourceFixture f = setUp("stream_basic", "CREATE TABLE " + T.quoted() + " (id int PRIMARY KEY, v text, n int)");
        f.exec("BEGIN; INSERT INTO " + T.quoted() + " VALUES (1, 'a', 10), (2, 'b', 20); "
                + "UPDATE " + T.quoted() + " SET v = 'a2' WHERE id = 1; DELETE FROM " + T.quoted() + " WHERE id = 2; COMMIT");
        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            List<SourceEvent> ev = f.drain(s);
            assertInstanceOf(SourceEvent.SchemaChanged.class, ev.stream()
                    .filter(e -> !(e instanceof SourceEvent.Begin)).findFirst().orElseThrow());
            SourceEvent.Begin begin = (SourceEvent.Begin) ev.stream().filter(e -> e instanceof SourceEvent.Begin)
                    .findFirst().orElseThrow();
            SourceEvent.Commit commit = (SourceEvent.Commit) ev.stream().filter(e -> e instanceof SourceEvent.Commit)
                    .findFirst().orElseThrow();
            assertEquals(begin.finalLsn(), commit.commitLsn());
            assertTrue(Long.compareUnsigned(commit.endLsn(), commit.commitLsn()) > 0);
            assertTrue(Duration.between(commit.commitTime(), Instant.now()).abs().toSeconds() < 60);
            List<RowChange> ch = SourceFixture.changes(ev);
            assertEquals(List.of(ChangeKind.INSERT, ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE),
                    ch.stream().map(RowChange::kind).toList());
            for (int i = 0; i < ch.size(); i++) {
                assertEquals(begin.finalLsn(), ch.get(i).commitLsn());
                assertEquals(begin.commitTime(), ch.get(i).commitTime());
                if (i > 0) {
                    assertTrue(ch.get(i).lsn() > ch.get(i - 1).lsn(), "lsn increases within a transaction");
                }
            }
            assertEquals(Arrays.asList(1, "a2", 10), Arrays.asList(ch.get(2).values()));
            assertEquals(Arrays.asList(2, null, null), Arrays.asList(ch.get(3).values()), "delete carries the key only");
            assertEquals(List.of("id"), ch.get(0).schema().keyColumns().stream().map(ColumnSpec::name).toList());
        }
    }

    @Test
    void replicaIdentityFullDeleteCarriesTheWholeOldRow() {
        SourceFixture f = setUp("stream_full", "CREATE TABLE " + T.quoted() + " (id int, v text)");
        f.exec("ALTER TABLE " + T.quoted() + " REPLICA IDENTITY FULL",
                "INSERT INTO " + T.quoted() + " VALUES (1, 'x')", "DELETE FROM " + T.quoted());
        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            List<RowChange> ch = SourceFixture.changes(f.drain(s));
            assertEquals(Arrays.asList(1, "x"), Arrays.asList(ch.get(1).values()));
            assertEquals(0, ch.get(1).schema().keyColumns().size(),
                    "no primary key: no key, even under FULL (such tables are refused at create)");
        }
    }

    @Test
    void keysAreWhatUpdatesAndDeletesCarry() {
        SourceFixture f = setUp("stream_keys", "CREATE TABLE " + T.quoted()
                + " (v text, code text NOT NULL, id int, PRIMARY KEY (id, v))");
        f.exec("CREATE UNIQUE INDEX code_idx ON " + T.quoted() + " (code)",
                "ALTER TABLE " + T.quoted() + " REPLICA IDENTITY USING INDEX code_idx",
                "INSERT INTO " + T.quoted() + " VALUES ('a', 'c1', 1)", "DELETE FROM " + T.quoted());
        assertEquals(List.of("code"), f.source.readSchema(T).keyColumns().stream().map(ColumnSpec::name).toList());
        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            List<RowChange> ch = SourceFixture.changes(f.drain(s));
            assertEquals(List.of("code"), ch.get(1).schema().keyColumns().stream().map(ColumnSpec::name).toList());
            assertEquals(Arrays.asList(null, "c1", null), Arrays.asList(ch.get(1).values()));
        }
        f.exec("ALTER TABLE " + T.quoted() + " REPLICA IDENTITY FULL", "INSERT INTO " + T.quoted() + " VALUES ('b', 'c2', 2)");
        List<String> pk = List.of("id", "v"); // primary key order, not column order
        assertEquals(pk, f.source.readSchema(T).keyColumns().stream().map(ColumnSpec::name).toList());
        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            List<RowChange> ch = SourceFixture.changes(f.drain(s));
            assertEquals(pk, ch.get(ch.size() - 1).schema().keyColumns().stream().map(ColumnSpec::name).toList());
        }
    }

    @Test
    void unchangedToastValuesAreFilledIn() {
        for (boolean full : new boolean[]{false, true}) {
            SourceFixture f = setUp("stream_toast", "CREATE TABLE " + T.quoted() + " (id int PRIMARY KEY, big text, n int)");
            if (full) {
                f.exec("ALTER TABLE " + T.quoted() + " REPLICA IDENTITY FULL");
            }
            // 20 kB of incompressible text: stored out of line in TOAST
            f.exec("INSERT INTO " + T.quoted() + " SELECT 1, string_agg(md5(g::text), '') , 0 FROM generate_series(1, 640) g");
            String big = f.queryString("SELECT big FROM " + T.quoted());
            assertTrue(big.length() > 8000);
            f.exec("UPDATE " + T.quoted() + " SET n = 1", "UPDATE " + T.quoted() + " SET n = 2");
            try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
                List<RowChange> ch = SourceFixture.changes(f.drain(s));
                assertEquals(3, ch.size());
                for (RowChange c : ch) {
                    assertEquals(big, c.value(1), "full=" + full + " " + c.kind());
                }
                assertEquals(2, ch.get(2).value(2));
            }
        }
    }

    @Test
    void alterTableMidStreamIsFollowed() {
        SourceFixture f = setUp("stream_alter", "CREATE TABLE " + T.quoted() + " (id int PRIMARY KEY, a text)");
        f.exec("INSERT INTO " + T.quoted() + " VALUES (1, 'one')",
                "ALTER TABLE " + T.quoted() + " ADD COLUMN \"B col\" numeric(5,1) DEFAULT 2.5",
                "INSERT INTO " + T.quoted() + " VALUES (2, 'two', 7.5)",
                "ALTER TABLE " + T.quoted() + " DROP COLUMN a",
                "INSERT INTO " + T.quoted() + " VALUES (3, 9.0)");
        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            List<SourceEvent> ev = f.drain(s);
            List<List<String>> schemas = new ArrayList<>();
            for (SourceEvent e : ev) {
                if (e instanceof SourceEvent.SchemaChanged sc) {
                    schemas.add(sc.schema().columns().stream().map(ColumnSpec::name).toList());
                }
            }
            assertEquals(List.of(List.of("id", "a"), List.of("id", "a", "B col"), List.of("id", "B col")), schemas);
            List<RowChange> ch = SourceFixture.changes(ev);
            assertEquals(Arrays.asList(1, "one"), Arrays.asList(ch.get(0).values()));
            assertEquals(Arrays.asList(2, "two", new java.math.BigDecimal("7.5")), Arrays.asList(ch.get(1).values()));
            assertEquals(Arrays.asList(3, new java.math.BigDecimal("9.0")), Arrays.asList(ch.get(2).values()));
            assertEquals(List.of("id"), ch.get(2).schema().keyColumns().stream().map(ColumnSpec::name).toList());
        }
    }

    @Test
    void truncateIsAnEvent() {
        SourceFixture f = setUp("stream_trunc", "CREATE TABLE " + T.quoted() + " (id int PRIMARY KEY)");
        f.exec("INSERT INTO " + T.quoted() + " VALUES (1)", "TRUNCATE " + T.quoted(),
                "INSERT INTO " + T.quoted() + " VALUES (2)");
        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            List<SourceEvent> ev = f.drain(s);
            List<SourceEvent> relevant = ev.stream().filter(e -> e instanceof SourceEvent.Change
                    || e instanceof SourceEvent.Truncate).toList();
            assertEquals(3, relevant.size());
            SourceEvent.Truncate tr = assertInstanceOf(SourceEvent.Truncate.class, relevant.get(1));
            assertEquals(List.of(T), tr.tables());
            assertEquals(2, ((SourceEvent.Change) relevant.get(2)).change().value(0));
        }
    }

    @Test
    void reconnectAfterTerminateResumesFromConfirmedPosition() throws Exception {
        SourceFixture f = setUp("stream_reconnect", "CREATE TABLE " + T.quoted() + " (id int PRIMARY KEY)");
        f.exec("INSERT INTO " + T.quoted() + " VALUES (1)", "INSERT INTO " + T.quoted() + " VALUES (2)");
        ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO);
        List<SourceEvent> first = f.drain(s);
        // confirm only the first transaction
        SourceEvent.Commit c1 = (SourceEvent.Commit) first.stream().filter(e -> e instanceof SourceEvent.Commit)
                .findFirst().orElseThrow();
        s.confirm(new Lsn(c1.endLsn()));
        assertEquals(new Lsn(c1.endLsn()), s.confirmed());
        // wait until the server has the confirmation, then kill the walsender
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (f.source.sampleSlot(f.slot()).confirmedFlushLsn() < c1.endLsn() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        f.exec("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '" + f.slot() + "'");
        f.exec("INSERT INTO " + T.quoted() + " VALUES (3)");
        PipeDeckException lost = assertThrows(PipeDeckException.class, () -> {
            for (int i = 0; i < 100; i++) {
                s.poll(Duration.ofMillis(100));
            }
        });
        assertEquals(FailureKind.TRANSIENT, lost.kind());
        s.close();

        ReplicationStream again = null;
        for (int attempt = 0; again == null; attempt++) {
            try {
                again = f.source.openStream(f.slot(), "pub", Lsn.ZERO);
            } catch (PipeDeckException e) {
                assertEquals(FailureKind.TRANSIENT, e.kind(), e.getMessage()); // slot may still look active briefly
                assertTrue(attempt < 50);
                Thread.sleep(100);
            }
        }
        try (ReplicationStream r = again) {
            List<Object> ids = SourceFixture.changes(f.drain(r)).stream().map(c -> c.value(0)).toList();
            assertEquals(List.of(2, 3), ids, "the unconfirmed transaction is redelivered, nothing before it");
        }
    }

    @Test
    void publicationWithAnyNameCanBeWidenedAndDropWhileStreamingEndsThePipe() throws Exception {
        SourceFixture f = new SourceFixture("stream_pub");
        TableRef other = new TableRef("public", "weird;name\"");
        String pub = "Pub \"Name\"; x";
        f.exec("CREATE TABLE " + T.quoted() + " (id int PRIMARY KEY)", "CREATE TABLE " + other.quoted() + " (id int PRIMARY KEY)");
        f.source.ensurePublication(pub, List.of(T));
        f.source.ensurePublication(pub, List.of(T, other)); // exists: ALTER PUBLICATION ... SET TABLE
        f.source.createSlot(f.slot()).close();
        f.exec("INSERT INTO " + T.quoted() + " VALUES (1)", "INSERT INTO " + other.quoted() + " VALUES (2)");
        ReplicationStream s = f.source.openStream(f.slot(), pub, Lsn.ZERO);
        List<RowChange> ch = SourceFixture.changes(f.drain(s));
        assertEquals(List.of(T, other), ch.stream().map(c -> c.schema().table()).toList());

        f.source.drop(f.slot(), pub); // terminates the live consumer first
        assertTrue(!f.source.slotExists(f.slot()));
        PipeDeckException lost = assertThrows(PipeDeckException.class, () -> {
            for (int i = 0; i < 100; i++) {
                s.poll(Duration.ofMillis(100));
            }
        });
        assertEquals(FailureKind.TRANSIENT, lost.kind());
        s.close();
        PipeDeckException gone = assertThrows(PipeDeckException.class, () -> f.source.openStream(f.slot(), pub, Lsn.ZERO));
        assertEquals(FailureKind.PERMANENT, gone.kind());
    }

    @Test
    void partitionedTableIsCopiedAndStreamedUnderItsParentName() {
        SourceFixture f = new SourceFixture("stream_part");
        TableRef parent = new TableRef("public", "measurements");
        f.exec("CREATE TABLE measurements (id int, day date, v int, PRIMARY KEY (id, day)) PARTITION BY RANGE (day)",
                "CREATE TABLE m2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "CREATE TABLE m2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "INSERT INTO measurements VALUES (1, '2024-05-01', 1), (2, '2025-05-01', 2)");
        assertEquals(List.of(parent), f.source.listTables().stream().map(PostgresSource.TableInfo::table).toList());
        f.source.ensurePublication("pub", List.of(parent));
        try (SlotCreation slot = f.source.createSlot(f.slot())) {
            SourceFixture.Collector col = new SourceFixture.Collector();
            f.source.copy(f.source.planSnapshot(List.of(parent), 4), slot.snapshotName(), 2, col, () -> false);
            assertEquals(2, col.rows.size());
        }
        f.exec("INSERT INTO measurements VALUES (3, '2024-06-01', 3), (4, '2025-06-01', 4)",
                "UPDATE measurements SET v = 40 WHERE id = 4");
        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            List<RowChange> ch = SourceFixture.changes(f.drain(s));
            assertEquals(3, ch.size());
            for (RowChange c : ch) {
                assertEquals(parent, c.schema().table());
            }
            assertEquals(40, ch.get(2).value(2));
        }
    }

    @Test
    void streamCanRunWhileTheSnapshotIsStillBeingCopied() {
        SourceFixture f = new SourceFixture("stream_during_copy");
        f.exec("CREATE TABLE " + T.quoted() + " (id int PRIMARY KEY)", "INSERT INTO " + T.quoted() + " VALUES (1)");
        f.source.ensurePublication("pub", List.of(T));
        try (SlotCreation slot = f.source.createSlot(f.slot());
             ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            f.exec("INSERT INTO " + T.quoted() + " VALUES (2)");
            assertEquals(List.of(2), SourceFixture.changes(f.drain(s)).stream().map(c -> c.value(0)).toList());
            SourceFixture.Collector col = new SourceFixture.Collector();
            f.source.copy(f.source.planSnapshot(List.of(T), 1), slot.snapshotName(), 1, col, () -> false);
            assertEquals(List.of(1), col.rows.stream().map(r -> r.value(0)).toList());
        }
    }

    @Test
    void heartbeatArrivesAsMessage() {
        SourceFixture f = setUp("stream_hb", "CREATE TABLE " + T.quoted() + " (id int PRIMARY KEY)");
        try (ReplicationStream s = f.source.openStream(f.slot(), "pub", Lsn.ZERO)) {
            assertNull(s.poll(Duration.ofMillis(200)));
            List<SourceEvent> ev = f.drain(s);
            SourceEvent.Message m = (SourceEvent.Message) ev.get(ev.size() - 1);
            assertEquals(PgSource.HEARTBEAT_PREFIX, m.prefix());
            assertEquals(0, m.content().length);
            assertTrue(m.lsn() > 0);
        }
    }
}
