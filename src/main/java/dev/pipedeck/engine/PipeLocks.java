package dev.pipedeck.engine;

import dev.pipedeck.catalog.WorkerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * A worker's ownership of pipes: session-level advisory locks {@code (5260363, pipeId)} held on one dedicated catalog
 * connection. When the worker's process dies, Postgres ends the session and every lock it held is free for another
 * worker. ({@code 5260363} is "PDK"; {@link dev.pipedeck.catalog.PipeRepository#ownedByLiveWorkers()} reads the same
 * key from {@code pg_locks}.) Thread-safe.
 *
 * <p>A session that ends takes its locks with it, so this class never lets that pass unnoticed: it remembers which
 * pipes it locked on the current session, forgets them all (with a warning) when it finds the session gone, and
 * {@link #holds(long)} then says so for each — the worker stops those pipes before anything else is written.
 */
final class PipeLocks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipeLocks.class);
    static final int LOCK_CLASS = 5260363;
    private final String catalogJdbcUrl;
    private Connection connection;
    /** Whether this session holds the worker's registration lock (a new session does not). */
    private boolean workerLocked;
    /** The pipes locked on this session. */
    private final Set<Long> held = new HashSet<>();

    PipeLocks(String catalogJdbcUrl) {
        this.catalogJdbcUrl = catalogJdbcUrl;
    }

    /**
     * TCP keepalive of the catalog server's end of the lock session ({@code tcp_keepalives_idle},
     * {@code _interval}, {@code _count}): when a worker's machine vanishes (power, network) rather than its process
     * ending, the server notices after about 10 + 3 × 5 s and ends the session, so other workers can take its pipes —
     * instead of the operating system's default of two hours and more. (Over a Unix socket these are ignored.)
     */
    static final int KEEPALIVE_IDLE_S = 10;
    static final int KEEPALIVE_INTERVAL_S = 5;
    static final int KEEPALIVE_COUNT = 3;

    private Connection connection() throws SQLException {
        if (!sessionAlive()) {
            connection = DriverManager.getConnection(catalogJdbcUrl);
            try (Statement st = connection.createStatement()) {
                st.execute("SET tcp_keepalives_idle = " + KEEPALIVE_IDLE_S);
                st.execute("SET tcp_keepalives_interval = " + KEEPALIVE_INTERVAL_S);
                st.execute("SET tcp_keepalives_count = " + KEEPALIVE_COUNT);
            }
        }
        return connection;
    }

    /** A setting of the lock session as its server sees it (for tests). */
    synchronized String sessionSetting(String name) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * True while the current session answers. When it does not, it is closed and every lock it held forgotten, with a
     * warning if it held any: Postgres has released them, and other workers may claim those pipes.
     */
    private boolean sessionAlive() {
        if (connection == null) {
            return false;
        }
        try {
            if (connection.isValid(2)) {
                return true;
            }
        } catch (SQLException e) {
            // as invalid
        }
        if (!held.isEmpty()) {
            LOG.warn("The catalog session holding this worker's claims on {} pipe(s) has ended (catalog restart or "
                    + "network), so Postgres has released them and other workers may take those pipes; this worker "
                    + "stops them without writing more and claims pipes again on a new session.", held.size());
        } else if (workerLocked) {
            LOG.warn("The catalog session holding this worker's registration has ended (catalog restart or network); "
                    + "it registers again on a new session.");
        }
        close();
        return false;
    }

    /** True when this worker now owns the pipe. */
    synchronized boolean tryLock(long pipeId) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, Math.toIntExact(pipeId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean locked = rs.getBoolean(1);
                if (locked) {
                    held.add(pipeId);
                }
                return locked;
            }
        }
    }

    /**
     * True while the pipe's lock was taken on the session this object holds now. False once that session was found
     * gone (by {@link #isHeld()} or by opening a new one): the worker must stop the pipe, it may have another owner.
     */
    synchronized boolean holds(long pipeId) {
        return held.contains(pipeId);
    }

    /**
     * Takes the worker's registration lock {@code (WORKER_LOCK_CLASS, key)} on this session: while it is held the
     * worker counts as live. False when another session (a worker with the same id) holds it.
     */
    synchronized boolean tryLockWorker(int key) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, WorkerRepository.WORKER_LOCK_CLASS);
            ps.setInt(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                workerLocked = rs.getBoolean(1);
                return workerLocked;
            }
        }
    }

    /** True while this session holds the worker's registration lock. */
    synchronized boolean holdsWorkerLock() {
        return workerLocked && isHeld();
    }

    synchronized void unlock(long pipeId) {
        if (!held.remove(pipeId) || connection == null) {
            return; // not locked on this session: nothing of ours to release
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, Math.toIntExact(pipeId));
            ps.execute();
        } catch (SQLException ignored) {
            // the session is gone, and the lock with it
        }
    }

    /**
     * False when the session holding the locks is gone: then every lock is gone too, and other workers may already
     * run this worker's pipes.
     */
    synchronized boolean isHeld() {
        return sessionAlive();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing the session releases the locks either way
            }
            connection = null;
        }
        workerLocked = false;
        held.clear();
    }
}
