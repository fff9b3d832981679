package dev.pipedeck.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady stream of shop activity ({@link ShopActivity}) at an adjustable number of rows per second, each
 * operation one transaction. Runs on its own thread and connection; a failed statement is rolled back and skipped,
 * a lost connection is re-opened with back-off.
 */
public final class SampleWorkload implements AutoCloseable {
    /** Opens a connection to the shop database. */
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SampleWorkload.class);

    private final Connector connector;
    private final Thread thread;
    private final AtomicLong inserts = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile int rowsPerSecond;
    private volatile boolean running = true;
    private Connection conn;
    private ShopActivity shop;

    public SampleWorkload(Connector connector, int rowsPerSecond) {
        this.connector = connector;
        setRowsPerSecond(rowsPerSecond);
        this.thread = new Thread(this::loop, "pipedeck-demo-workload");
        this.thread.setDaemon(true);
    }

    public SampleWorkload start() {
        thread.start();
        return this;
    }

    /** Changes the rate at once; 0 stops writing until raised again. */
    public void setRowsPerSecond(int rate) {
        if (rate < 0) {
            throw new IllegalArgumentException("rows per second must be 0 or more (got " + rate + ")");
        }
        this.rowsPerSecond = rate;
    }

    public int rowsPerSecond() {
        return rowsPerSecond;
    }

    public long inserts() {
        return inserts.get();
    }

    public long updates() {
        return updates.get();
    }

    public long deletes() {
        return deletes.get();
    }

    /** Operations that failed and were rolled back (a healthy demo has none). */
    public long failures() {
        return failures.get();
    }

    /** Rows inserted, updated or deleted so far (committed). */
    public long rowsWritten() {
        return inserts() + updates() + deletes();
    }

    private void loop() {
        long backoffMs = 500;
        while (running) {
            int rate = rowsPerSecond;
            if (rate == 0) {
                sleep(200);
                continue;
            }
            long started = System.nanoTime();
            int rows;
            try {
                rows = Math.max(1, commit(ThreadLocalRandom.current().nextDouble()));
                backoffMs = 500;
            } catch (SQLException e) {
                if (!running) {
                    break;
                }
                failures.incrementAndGet();
                if (connectionUsable()) {
                    // one statement failed (e.g. a constraint): skip this operation, keep the connection
                    LOG.debug("demo workload: operation failed: {}", e.getMessage());
                    sleep(100);
                } else {
                    LOG.warn("demo workload: lost the database ({}); reconnecting", firstLine(e.getMessage()));
                    closeQuietly();
                    sleep(backoffMs);
                    backoffMs = Math.min(backoffMs * 2, 10_000);
                }
                continue;
            }
            // pace by rows written, so a four-row order costs four rows of the budget
            long left = rows * 1_000_000_000L / rate - (System.nanoTime() - started);
            if (left > 0) {
                sleep(left / 1_000_000);
            }
        }
        closeQuietly();
    }

    /** Runs one operation in its own transaction; the counters move only once it has committed. */
    private int commit(double p) throws SQLException {
        if (conn == null || conn.isClosed()) {
            conn = connector.connect();
            conn.setAutoCommit(false);
            shop = new ShopActivity(conn);
        }
        ShopActivity.Written w = shop.step(p);
        conn.commit();
        inserts.addAndGet(w.inserts());
        updates.addAndGet(w.updates());
        deletes.addAndGet(w.deletes());
        return w.rows();
    }

    /** Runs every kind of operation once, each committed, on this (not started) workload's own connection. */
    void runEachOperationOnce() throws SQLException {
        try {
            for (double p : ShopActivity.EACH_KIND) {
                commit(p);
            }
        } finally {
            closeQuietly();
        }
    }

    /** Rolls the failed transaction back; false when the connection itself is gone. */
    private boolean connectionUsable() {
        try {
            if (conn == null || conn.isClosed()) {
                return false;
            }
            conn.rollback();
            return conn.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            // close() interrupts to stop at once; the loop checks running
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void closeQuietly() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // the connection is being dropped anyway
            }
            conn = null;
            shop = null;
        }
    }

    /** Stops after the current transaction. Idempotent. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
