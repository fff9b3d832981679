package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What a slot that nobody consumes holds back: the commit time of its first pending transaction that touches the
 * published tables (the oldest change the destination does not have). Peeks with the SQL decoding interface, which
 * does not move the slot; read with {@code upto_nchanges}, so it stops after the first few transactions.
 */
final class PendingChanges {
    /** Rows (pgoutput messages) peeked at most; a transaction is never cut. */
    private static final int PEEK_ROWS = 200;
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final PgConnections connections;

    PendingChanges(PgConnections connections) {
        this.connections = connections;
    }

    PendingCommit oldest(String slot, String publication) {
        try (Connection c = connections.open("peeking at the replication slot's pending changes")) {
            String upTo;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_current_wal_lsn()::text");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                upTo = rs.getString(1);
            }
            Instant checkedAt = Instant.now();
            int rows = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT data FROM pg_logical_slot_peek_binary_changes(?, ?::pg_lsn, ?, "
                    + "'proto_version', '1', 'publication_names', ?)")) {
                ps.setString(1, slot);
                ps.setString(2, upTo);
                ps.setInt(3, PEEK_ROWS);
                ps.setString(4, publication);
                try (ResultSet rs = ps.executeQuery()) {
                    Instant begin = null;
                    while (rs.next()) {
                        rows++;
                        byte[] m = rs.getBytes(1);
                        if (m == null || m.length == 0) {
                            continue;
                        }
                        switch (m[0]) {
                            case 'B' -> begin = commitTime(m);
                            case 'I', 'U', 'D', 'T' -> {
                                if (begin != null) {
                                    return PendingCommit.at(begin);
                                }
                            }
                            case 'C' -> begin = null;
                            default -> { }
                        }
                    }
                }
            }
            // fewer rows than asked for: everything up to upTo was decoded, and none of it is a change of ours
            return rows < PEEK_ROWS ? PendingCommit.noneUpTo(Lsn.parse(upTo), checkedAt) : PendingCommit.UNKNOWN;
        } catch (SQLException e) {
            throw PgErrors.map(e, "peeking at the pending changes of replication slot " + slot, connections.config());
        }
    }

    /** pgoutput Begin: 'B', final LSN (8), commit time (8, µs since 2000-01-01), xid (4). */
    private static Instant commitTime(byte[] m) {
        long micros = ByteBuffer.wrap(m, 9, 8).getLong();
        long unix = micros + PG_EPOCH_MICROS;
        return Instant.ofEpochSecond(Math.floorDiv(unix, 1_000_000L), Math.floorMod(unix, 1_000_000L) * 1000L);
    }
}
