package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.testing.TestPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/** A fresh database plus helpers shared by the source tests. */
final class SourceFixture {
    final String db;
    final PgSource source;

    SourceFixture(String prefix) {
        db = TestPostgres.newDatabase(prefix);
        source = new PgSource(config(), PgSource.Options.defaults().withStatusInterval(Duration.ofSeconds(1)).withMinPagesToSplit(10));
    }

    /** Slot names are cluster-wide: derive one from the (unique) database name. */
    String slot() {
        return db + "_slot";
    }

    SourceConfig config() {
        return new SourceConfig(TestPostgres.jdbcUrl(db), "postgres", "");
    }

    void exec(String... sql) {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String queryString(String sql) {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long queryLong(String sql) {
        return Long.parseLong(queryString(sql));
    }

    Lsn currentLsn() {
        return Lsn.parse(queryString("SELECT pg_current_wal_insert_lsn()::text"));
    }

    /**
     * Writes a heartbeat (a non-transactional logical message after everything written so far) and collects events
     * until it comes back through the stream.
     */
    List<SourceEvent> drain(ReplicationStream stream) {
        // an older heartbeat may be redelivered (it sits after unconfirmed changes): wait for this one
        long before = currentLsn().value();
        source.heartbeat();
        return pollUntil(stream, e -> e instanceof SourceEvent.Message m && m.prefix().equals(PgSource.HEARTBEAT_PREFIX)
                && Long.compareUnsigned(m.lsn(), before) >= 0, Duration.ofSeconds(60));
    }

    static List<SourceEvent> pollUntil(ReplicationStream stream, Predicate<SourceEvent> last, Duration max) {
        List<SourceEvent> out = new ArrayList<>();
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            SourceEvent e = stream.poll(Duration.ofMillis(200));
            if (e != null) {
                out.add(e);
                if (last.test(e)) {
                    return out;
                }
            }
        }
        throw new AssertionError("stream did not deliver the expected event within " + max + "; got " + out.size());
    }

    static List<RowChange> changes(List<SourceEvent> events) {
        List<RowChange> out = new ArrayList<>();
        for (SourceEvent e : events) {
            if (e instanceof SourceEvent.Change c) {
                out.add(c.change());
            }
        }
        return out;
    }

    /** Snapshot listener collecting everything (thread-safe). */
    static final class Collector implements SnapshotListener {
        final List<RowChange> rows = Collections.synchronizedList(new ArrayList<>());
        final List<SnapshotRange> done = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> chunkSizes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onRows(SnapshotRange range, List<RowChange> chunk) {
            chunkSizes.add(chunk.size());
            rows.addAll(chunk);
        }

        @Override
        public void onRangeDone(SnapshotRange range, long count) {
            done.add(range);
        }
    }
}
