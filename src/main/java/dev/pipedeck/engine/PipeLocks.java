package dev.pipedeck.engine;

import dev.pipedeck.catalog.WorkerRepository;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A worker's ownership of pipes: session-level advisory locks {@code (5260363, pipeId)} held on one dedicated catalog
 * connection. When the worker's process dies, Postgres ends the session and every lock it held is free for another
 * worker. ({@code 5260363} is "PDK"; {@link dev.pipedeck.catalog.PipeRepository#ownedByLiveWorkers()} reads the same
 * key from {@code pg_locks}.) Thread-safe.
 */
final class PipeLocks implements AutoCloseable {
    static final int LOCK_CLASS = 5260363;
    private final String catalogJdbcUrl;
    private Connection connection;
    /** Whether this session holds the worker's registration lock (a new session does not). */
    private boolean workerLocked;

    PipeLocks(String catalogJdbcUrl) {
        this.catalogJdbcUrl = catalogJdbcUrl;
    }

    private Connection connection() throws SQLException {
        if (connection == null || !connection.isValid(2)) {
            close();
            connection = DriverManager.getConnection(catalogJdbcUrl);
            workerLocked = false;
        }
        return connection;
    }

    /** True when this worker now owns the pipe. */
    synchronized boolean tryLock(long pipeId) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, Math.toIntExact(pipeId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
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
        if (connection == null) {
            return;
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
        try {
            return connection != null && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
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
            workerLocked = false;
        }
    }
}
