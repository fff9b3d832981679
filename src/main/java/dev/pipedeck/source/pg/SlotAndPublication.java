package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import org.postgresql.PGConnection;
import org.postgresql.replication.ReplicationSlotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Creates and drops the replication slot and the publication. */
final class SlotAndPublication {
    private static final Logger LOG = LoggerFactory.getLogger(SlotAndPublication.class);
    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

    private final PgConnections connections;

    SlotAndPublication(PgConnections connections) {
        this.connections = connections;
    }

    /** Slot names go into replication commands, which take no parameters: only Postgres' own slot alphabet passes. */
    static String checkSlotName(String slot) {
        if (slot == null || !SLOT_NAME.matcher(slot).matches()) {
            throw PipeDeckException.permanent("\"" + slot + "\" is not a valid replication slot name: use 1 to 63 "
                    + "lower-case letters, digits and underscores.");
        }
        return slot;
    }

    void ensurePublication(String publication, List<TableRef> tables) {
        if (tables.isEmpty()) {
            throw PipeDeckException.permanent("A publication needs at least one table.");
        }
        String list = tables.stream().map(TableRef::quoted).collect(Collectors.joining(", "));
        try (Connection c = connections.open("creating the publication")) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
                ps.setString(1, publication);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            // Partitioned tables publish their changes under the parent's name (Postgres 13+), matching what the
            // copy reads; harmless for ordinary tables.
            int version = PgReplicationStream.serverVersionNum(c);
            boolean viaRoot = version >= 130000;
            // Postgres 18 can send stored generated columns; older servers leave them out and the stream computes
            // them from the row (StreamCatalog.compute)
            String options = viaRoot ? "publish_via_partition_root = true" : "";
            if (version >= 180000) {
                options += ", publish_generated_columns = stored";
            }
            try (Statement st = c.createStatement()) {
                String pub = TableRef.quoteIdent(publication);
                if (exists) {
                    st.execute("ALTER PUBLICATION " + pub + " SET TABLE " + list);
                    if (viaRoot) {
                        st.execute("ALTER PUBLICATION " + pub + " SET (" + options + ")");
                    }
                } else {
                    st.execute("CREATE PUBLICATION " + pub + " FOR TABLE " + list
                            + (viaRoot ? " WITH (" + options + ")" : ""));
                }
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, "creating the publication " + publication, connections.config());
        }
    }

    boolean slotExists(String slot) {
        try (Connection c = connections.open("looking up the replication slot");
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, "looking up the replication slot " + slot, connections.config());
        }
    }

    SlotCreation createSlot(String slot) {
        checkSlotName(slot);
        Connection repl = connections.openReplication("creating the replication slot");
        try {
            ReplicationSlotInfo info = repl.unwrap(PGConnection.class).getReplicationAPI().createReplicationSlot()
                    .logical().withSlotName(slot).withOutputPlugin("pgoutput").make();
            LOG.info("created replication slot {} at {} exporting snapshot {}", slot, info.getConsistentPoint(),
                    info.getSnapshotName());
            return new PgSlotCreation(slot, Lsn.parse(info.getConsistentPoint().asString()), info.getSnapshotName(), repl);
        } catch (SQLException e) {
            PgConnections.closeQuietly(repl);
            throw PgErrors.map(e, "creating the replication slot " + slot, connections.config());
        }
    }

    /**
     * A TEMPORARY slot that exists only for its exported snapshot and consistent point: exactly the transactions that
     * commit before that point are in the snapshot. The server drops it when its connection closes (also when this
     * process dies), so it never retains WAL beyond the copy it serves.
     */
    SlotCreation createTemporarySlot(String slot) {
        checkSlotName(slot);
        Connection repl = connections.openReplication("creating a temporary replication slot");
        try {
            ReplicationSlotInfo info = repl.unwrap(PGConnection.class).getReplicationAPI().createReplicationSlot()
                    .logical().withSlotName(slot).withOutputPlugin("pgoutput").withTemporaryOption().make();
            LOG.info("created temporary replication slot {} at {} exporting snapshot {}", slot,
                    info.getConsistentPoint(), info.getSnapshotName());
            return new PgSlotCreation(slot, Lsn.parse(info.getConsistentPoint().asString()), info.getSnapshotName(), repl);
        } catch (SQLException e) {
            PgConnections.closeQuietly(repl);
            throw PgErrors.map(e, "creating the temporary replication slot " + slot, connections.config());
        }
    }

    /** The tables a publication publishes now (empty when it does not exist). */
    List<TableRef> publishedTables(String publication) {
        try (Connection c = connections.open("reading the publication's tables");
             PreparedStatement ps = c.prepareStatement("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) "
                     + "FROM pg_publication_tables WHERE pubname = ? ORDER BY 1")) {
            ps.setString(1, publication);
            List<TableRef> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(TableRef.parse(rs.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw PgErrors.map(e, "reading the tables of publication " + publication, connections.config());
        }
    }

    void drop(String slot, String publication) {
        try (Connection c = connections.open("dropping the slot and publication")) {
            if (slot != null) {
                dropSlot(c, slot);
            }
            if (publication != null) {
                dropPublication(c, publication);
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, "dropping slot " + slot + " / publication " + publication, connections.config());
        }
    }

    private void dropPublication(Connection c, String publication) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP PUBLICATION IF EXISTS " + TableRef.quoteIdent(publication));
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
            // e.g. someone re-created a dropped publication as another user: say whose it is and how to get rid of it
            String owner = publicationOwner(c, publication);
            String user = connections.config().user();
            throw PipeDeckException.permanent("Could not drop publication " + publication + " on the source: it belongs "
                    + "to " + (owner == null ? "another user" : "user \"" + owner + "\"") + ", and only its owner or a "
                    + "superuser may drop it" + (user == null ? "" : " (the pipe connects as \"" + user + "\")")
                    + ". Drop it as " + (owner == null ? "its owner" : owner) + " or a superuser: DROP PUBLICATION "
                    + TableRef.quoteIdent(publication) + ";", e);
        }
    }

    private static String publicationOwner(Connection c, String publication) {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_get_userbyid(pubowner) FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            LOG.debug("could not read the owner of publication {}: {}", publication, e.getMessage());
            return null;
        }
    }

    /** SQLSTATE of "replication slot ... is active for PID ...". */
    static final String SLOT_IN_USE = "55006";

    /**
     * Ends the session that holds {@code slot} (its {@code active_pid}), for a reader that is the slot's rightful owner.
     * True when the slot is free or its holder was ended; false when the source user may not end it (then the caller
     * fails as without this, and retries later).
     */
    static boolean endSlotHolder(Connection c, String slot) {
        try (PreparedStatement ps = c.prepareStatement("SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            int pid;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false; // the slot is gone: the start fails with that
                }
                pid = rs.getInt(1);
                if (rs.wasNull()) {
                    return true; // freed meanwhile
                }
            }
            try (PreparedStatement t = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                t.setInt(1, pid);
                try (ResultSet rs = t.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return true; // gone meanwhile
                    }
                }
            }
            LOG.warn("Replication slot {} was still held by server process {} (a previous reader: the stream of a "
                    + "worker that died or lost its claim on the pipe, not yet noticed by the server, or a look at the "
                    + "slot's pending changes); ended it so that the pipe's owner can stream.", slot, pid);
            return true;
        } catch (SQLException e) {
            LOG.warn("Replication slot {} is held by another session, which the source user may not end ({}); the "
                    + "pipe waits for the server to release it. Granting the source user pg_signal_backend lets "
                    + "PipeDeck end a dead worker's stream at once.", slot, e.getMessage());
            return false;
        }
    }

    private static void dropSlot(Connection c, String slot) throws SQLException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    int pid = rs.getInt(1);
                    if (!rs.wasNull()) {
                        try (PreparedStatement t = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                            t.setInt(1, pid);
                            t.execute();
                        }
                        sleep(100);
                        continue;
                    }
                }
            }
            try (PreparedStatement d = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                d.setString(1, slot);
                d.execute();
                return;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState())) { // 55006: became active again in between; retry
                    throw e;
                }
                sleep(100);
            }
        }
        throw PipeDeckException.transientFailure("Replication slot " + slot + " stays in use by another connection (it "
                + "is taken again each time it is freed), so it could not be dropped. Stop whatever else reads it — "
                + "pg_stat_replication shows its client — and the drop is tried again.", null);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PipeDeckException.transientFailure("interrupted", e);
        }
    }
}
