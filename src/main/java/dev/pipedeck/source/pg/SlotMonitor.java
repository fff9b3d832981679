package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Samples a slot's WAL figures from {@code pg_replication_slots}; works whether or not the slot is being consumed. */
final class SlotMonitor {
    // wal_status / safe_wal_size / max_slot_wal_keep_size exist from Postgres 13 on; 12 gets nulls.
    private static final String SQL_13 = """
            SELECT s.active, s.restart_lsn::text, s.confirmed_flush_lsn::text, pg_current_wal_insert_lsn()::text,
                   s.wal_status, s.safe_wal_size,
                   CASE WHEN current_setting('max_slot_wal_keep_size') = '-1' THEN -1
                        ELSE pg_size_bytes(current_setting('max_slot_wal_keep_size')) END
            FROM (SELECT 1) one LEFT JOIN pg_replication_slots s ON s.slot_name = ?""";
    private static final String SQL_12 = """
            SELECT s.active, s.restart_lsn::text, s.confirmed_flush_lsn::text, pg_current_wal_insert_lsn()::text,
                   NULL::text, NULL::bigint, -1::bigint
            FROM (SELECT 1) one LEFT JOIN pg_replication_slots s ON s.slot_name = ?""";

    private final PgConnections connections;

    SlotMonitor(PgConnections connections) {
        this.connections = connections;
    }

    SlotSample sample(String slot) {
        try (Connection c = connections.open("reading the replication slot's figures")) {
            boolean v13 = PgReplicationStream.serverVersionNum(c) >= 130000;
            try (PreparedStatement ps = c.prepareStatement(v13 ? SQL_13 : SQL_12)) {
                ps.setString(1, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long current = Lsn.parse(rs.getString(4)).value();
                    long maxKeep = rs.getLong(7);
                    Object activeObj = rs.getObject(1);
                    if (activeObj == null) {
                        return new SlotSample(Instant.now(), slot, false, false, 0, 0, current, -1, -1, null, null, maxKeep);
                    }
                    long restart = Lsn.parse(rs.getString(2)).value();
                    long confirmedFlush = Lsn.parse(rs.getString(3)).value();
                    // negative means over max_slot_wal_keep_size (the slot is being lost); only NULL means no limit
                    Long safe = rs.getObject(6) == null ? null : rs.getLong(6);
                    return new SlotSample(Instant.now(), slot, true, rs.getBoolean(1), restart, confirmedFlush,
                            current, restart == 0 ? -1 : Math.max(0, current - restart),
                            confirmedFlush == 0 ? -1 : Math.max(0, current - confirmedFlush),
                            rs.getString(5), safe, maxKeep);
                }
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, "reading the replication slot " + slot, connections.config());
        }
    }
}
