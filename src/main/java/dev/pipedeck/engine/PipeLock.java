package dev.pipedeck.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Ownership of one pipe: a session-level advisory lock {@code (5260363, pipeId)} held on a dedicated catalog
 * connection. When the owning process dies, Postgres ends the session and the lock is free for another worker.
 * ({@code 5260363} is "PDK"; the CLI reads the same key from {@code pg_locks} to know whether a live worker owns a pipe.)
 */
final class PipeLock implements AutoCloseable {
    static final int LOCK_CLASS = 5260363;
    private final Connection connection;

    private PipeLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock, or null when another session holds it. */
    static PipeLock tryAcquire(String catalogJdbcUrl, long pipeId) throws SQLException {
        Connection c = DriverManager.getConnection(catalogJdbcUrl);
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, Math.toIntExact(pipeId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new PipeLock(c);
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        c.close();
        return null;
    }

    /** False when the session holding the lock is gone (then the lock is gone too). */
    boolean isHeld() {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing the session releases the lock either way
        }
    }
}
