package dev.pipedeck.source.pg;

import dev.pipedeck.change.Advice;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A pgoutput stream over PgJDBC's replication API. {@link #poll} drains {@code readPending()} (which also answers the
 * server's keep-alives and sends periodic status updates) and sleeps briefly only when nothing is pending.
 */
final class PgReplicationStream implements ReplicationStream {
    private static final Logger LOG = LoggerFactory.getLogger(PgReplicationStream.class);
    private static final long MAX_IDLE_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Changes whose generated columns are computed together (read ahead while more messages are pending). */
    private static final int GENERATED_BATCH = 1_000;

    private final PgConnections connections;
    private final String slot;
    private final Connection replication;
    private final PGReplicationStream stream;
    private final StreamCatalog catalog;
    private final PgOutputDecoder decoder;
    private Lsn confirmed;

    private PgReplicationStream(PgConnections connections, String slot, Connection replication,
                                PGReplicationStream stream, StreamCatalog catalog, Lsn start) {
        this.connections = connections;
        this.slot = slot;
        this.replication = replication;
        this.stream = stream;
        this.catalog = catalog;
        this.decoder = new PgOutputDecoder(catalog, catalog, catalog);
        this.confirmed = start;
    }

    /**
     * Starts streaming. With a {@code takeOver} time, a slot still held by another session (SQLSTATE 55006) has that
     * session ended and the start tried again every 100 ms until the time is up (see
     * {@link PostgresSource#openStream(String, String, Lsn, Duration)}).
     */
    static PgReplicationStream open(PgConnections connections, String slot, String publication, Lsn startLsn,
                                    Duration statusInterval, Duration takeOver) {
        SlotAndPublication.checkSlotName(slot);
        if (publication == null || publication.isEmpty() || publication.indexOf('\'') >= 0) {
            throw PipeDeckException.permanent("Invalid publication name: " + publication);
        }
        StreamCatalog catalog = new StreamCatalog(connections);
        Connection repl = null;
        try {
            Connection c = catalog.connection();
            Lsn slotConfirmed = checkSlotAndPublication(c, slot, publication);
            Lsn start = startLsn == null ? slotConfirmed : slotConfirmed.max(startLsn);
            int serverVersion = serverVersionNum(c);
            long takeOverUntil = System.nanoTime() + takeOver.toNanos();
            PGReplicationStream stream = null;
            while (stream == null) {
                repl = connections.openReplication("opening the replication stream");
                var builder = repl.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                        .withSlotName(slot)
                        .withStartPosition(LogSequenceNumber.valueOf(start.value()))
                        .withSlotOption("proto_version", "1")
                        // publication_names is parsed as an identifier list, so a quoted name may contain anything
                        .withSlotOption("publication_names", TableRef.quoteIdent(publication))
                        .withStatusInterval((int) statusInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (serverVersion >= 140000) {
                    builder.withSlotOption("messages", "true"); // heartbeats and other logical messages
                }
                try {
                    stream = builder.start();
                } catch (SQLException e) {
                    if (!SlotAndPublication.SLOT_IN_USE.equals(e.getSQLState()) || System.nanoTime() > takeOverUntil
                            || !SlotAndPublication.endSlotHolder(c, slot)) {
                        throw e;
                    }
                    PgConnections.closeQuietly(repl);
                    repl = null;
                    pause(100);
                }
            }
            LOG.info("streaming slot {} from {}", slot, start);
            return new PgReplicationStream(connections, slot, repl, stream, catalog, start);
        } catch (SQLException e) {
            PgConnections.closeQuietly(repl);
            catalog.close();
            throw PgErrors.map(e, "opening the replication stream on slot " + slot, connections.config());
        } catch (RuntimeException e) {
            PgConnections.closeQuietly(repl);
            catalog.close();
            throw e;
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PipeDeckException.transientFailure("Interrupted while waiting for the replication slot to be free.", e);
        }
    }

    static int serverVersionNum(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('server_version_num')::int");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Lsn checkSlotAndPublication(Connection c, String slot, String publication) throws SQLException {
        Lsn confirmed;
        try (PreparedStatement ps = c.prepareStatement("SELECT s.confirmed_flush_lsn::text, "
                + "to_jsonb(s) ->> 'wal_status' FROM pg_replication_slots s " // wal_status: Postgres 13+
                + "WHERE s.slot_name = ? AND s.database = current_database()")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw PipeDeckException.permanent("Replication slot " + slot + " does not exist in the source "
                            + "database (it was dropped or invalidated), so the changes since the pipe's last position are "
                            + "gone: " + Advice.resync(null) + ".");
                }
                if ("lost".equals(rs.getString(2))) {
                    throw PipeDeckException.permanent("Replication slot " + slot + " was invalidated by the server (the "
                            + "WAL it needed was removed, max_slot_wal_keep_size was exceeded): " + Advice.resync(null)
                            + ", and raise max_slot_wal_keep_size or resume paused pipes sooner.");
                }
                confirmed = Lsn.parse(rs.getString(1));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw PipeDeckException.permanent(PgErrors.publicationGone(publication));
                }
            }
        }
        return confirmed;
    }

    @Override
    public SourceEvent poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleepNanos = 50_000;
        try {
            while (true) {
                SourceEvent e = decoder.next();
                if (e != null) {
                    return e;
                }
                ByteBuffer buf = stream.readPending();
                if (buf != null) {
                    decoder.accept(buf, stream.getLastReceiveLSN().asLong());
                    if (decoder.awaiting() >= GENERATED_BATCH) {
                        decoder.fillGenerated();
                    }
                    sleepNanos = 50_000;
                    continue;
                }
                if (decoder.awaiting() > 0) {
                    // nothing more pending: compute the generated columns of what was read, one query per table
                    decoder.fillGenerated();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(left, sleepNanos));
                sleepNanos = Math.min(sleepNanos * 2, MAX_IDLE_SLEEP_NANOS);
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, "reading the replication stream of slot " + slot, connections.config());
        } catch (PipeDeckException e) {
            throw e;
        } catch (RuntimeException e) {
            // A message we cannot decode will not decode better on retry.
            throw PipeDeckException.permanent("Could not decode a change from replication slot " + slot + " near "
                    + stream.getLastReceiveLSN() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PipeDeckException.transientFailure("interrupted while reading the replication stream", e);
        }
    }

    @Override
    public void confirm(Lsn lsn) {
        LogSequenceNumber l = LogSequenceNumber.valueOf(lsn.value());
        stream.setAppliedLSN(l);
        stream.setFlushedLSN(l);
        try {
            stream.forceUpdateStatus();
        } catch (SQLException e) {
            throw PgErrors.map(e, "confirming position " + lsn + " on slot " + slot, connections.config());
        }
        confirmed = confirmed.max(lsn);
    }

    @Override
    public Lsn confirmed() {
        return confirmed;
    }

    @Override
    public void close() {
        // Closing the connection ends the walsender; PGReplicationStream.close() would wait for the server's
        // CopyDone, which can hang when the connection is already broken.
        PgConnections.closeQuietly(replication);
        catalog.close();
    }
}
