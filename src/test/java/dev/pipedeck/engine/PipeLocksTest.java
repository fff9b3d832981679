package dev.pipedeck.engine;

import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claims' session ending is never silent: after its backend is terminated, a new claim opens a new session, and
 * {@link PipeLocks#holds} no longer reports the locks of the old one (which Postgres has indeed released).
 */
class PipeLocksTest {
    @Test
    void aLockSessionThatEndsForgetsItsLocksEvenWhenTheNextClaimOpensANewSession() throws Exception {
        String db = TestPostgres.newDatabase("pipelocks");
        String url = TestPostgres.jdbcUrl(db) + "?user=postgres";
        try (PipeLocks locks = new PipeLocks(url); Connection other = DriverManager.getConnection(url)) {
            assertTrue(locks.tryLock(101));
            assertTrue(locks.holds(101));
            assertFalse(tryLock(other, 101), "held by the locks' session");
            long session = lockHolder(other, 101);

            exec(other, "SELECT pg_terminate_backend(" + session + ", 10000)"); // returns once it has ended
            // no isHeld() first: the next claim is what finds the session gone (the path that used to be silent)
            assertTrue(locks.tryLock(102));
            assertTrue(locks.holds(102));
            assertFalse(locks.holds(101), "the lock on the ended session is not reported as held");
            assertTrue(lockHolder(other, 102) != session, "pipe 102 is locked on a new session");
            assertTrue(tryLock(other, 101), "Postgres released pipe 101's lock with the session");

            locks.unlock(101); // not ours any more: must not touch the lock other now holds
            assertEquals(lockHolder(other, 101), pid(other));
            assertTrue(locks.isHeld());
        }
    }

    @Test
    void isHeldSaysFalseOnceTheSessionEndedAndForgetsItsLocks() throws Exception {
        String db = TestPostgres.newDatabase("pipelocks_held");
        String url = TestPostgres.jdbcUrl(db) + "?user=postgres";
        try (PipeLocks locks = new PipeLocks(url); Connection other = DriverManager.getConnection(url)) {
            assertTrue(locks.tryLock(7));
            assertTrue(locks.isHeld());
            exec(other, "SELECT pg_terminate_backend(" + lockHolder(other, 7) + ", 10000)");
            assertFalse(locks.isHeld());
            assertFalse(locks.holds(7));
        }
    }

    /**
     * A worker whose machine vanishes sends no FIN: the catalog server finds out by TCP keepalive only. The lock
     * session asks for probes after 10 s idle (the server reads the value back from its socket), on every new session.
     */
    @Test
    void theLockSessionAsksTheServerForShortKeepalivesOnEverySession() throws Exception {
        String db = TestPostgres.newDatabase("pipelocks_keepalive");
        String url = TestPostgres.jdbcUrl(db) + "?user=postgres";
        try (PipeLocks locks = new PipeLocks(url); Connection other = DriverManager.getConnection(url)) {
            assertTrue(locks.tryLock(9));
            assertKeepalives(locks);
            exec(other, "SELECT pg_terminate_backend(" + lockHolder(other, 9) + ", 10000)");
            assertTrue(locks.tryLock(10)); // a new session
            assertKeepalives(locks);
        }
    }

    private static void assertKeepalives(PipeLocks locks) throws SQLException {
        assertEquals(String.valueOf(PipeLocks.KEEPALIVE_IDLE_S), locks.sessionSetting("tcp_keepalives_idle"));
        assertEquals(String.valueOf(PipeLocks.KEEPALIVE_INTERVAL_S), locks.sessionSetting("tcp_keepalives_interval"));
        assertEquals(String.valueOf(PipeLocks.KEEPALIVE_COUNT), locks.sessionSetting("tcp_keepalives_count"));
    }

    private static boolean tryLock(Connection c, long pipeId) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + PipeLocks.LOCK_CLASS + ", " + pipeId + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static long lockHolder(Connection c, long pipeId) throws SQLException {
        Long pid = lockHolderOrNull(c, pipeId);
        assertTrue(pid != null, "pipe " + pipeId + " is locked");
        return pid;
    }

    /** The server process holding the pipe's claim in {@code c}'s database, or null when nobody does. */
    static Long lockHolderOrNull(Connection c, long pipeId) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pid FROM pg_locks WHERE "
                + "locktype = 'advisory' AND granted AND classid = " + PipeLocks.LOCK_CLASS + " AND objid = " + pipeId
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private static long pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
