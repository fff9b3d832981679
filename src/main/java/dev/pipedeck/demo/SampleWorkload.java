package dev.pipedeck.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady stream of shop activity — new orders with items, status changes, price and loyalty updates, the odd large
 * note and deleted order — at an adjustable number of rows per second, each operation one transaction. Runs on its
 * own thread and connection; survives a restarting database by reconnecting.
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
    private long maxCustomerId;
    private final long[] pending = new long[3];

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

    /** Rows inserted, updated or deleted so far. */
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
                if (conn == null || conn.isClosed()) {
                    conn = connector.connect();
                    conn.setAutoCommit(false);
                    maxCustomerId = scalar("SELECT coalesce(max(id), 0) FROM customers");
                }
                java.util.Arrays.fill(pending, 0);
                rows = step();
                conn.commit();
                inserts.addAndGet(pending[0]);
                updates.addAndGet(pending[1]);
                deletes.addAndGet(pending[2]);
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
            // pace by rows written, so a five-row order costs five rows of the budget
            long budgetNanos = rows * 1_000_000_000L / Math.max(1, rate);
            long left = budgetNanos - (System.nanoTime() - started);
            if (left > 0) {
                sleep(left / 1_000_000);
            }
        }
        closeQuietly();
    }

    /** One operation (one transaction); returns the rows it wrote. */
    int step() throws SQLException {
        return step(ThreadLocalRandom.current().nextDouble());
    }

    /** The operation chosen by {@code p} in [0, 1): the thresholds below are the mix. */
    int step(double p) throws SQLException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (p < 0.35 || maxCustomerId == 0) {
            return newOrder(r);
        } else if (p < 0.58) {
            return count(updates, exec("UPDATE orders SET status = CASE status WHEN 'new' THEN 'paid' WHEN 'paid' THEN 'shipped' "
                    + "WHEN 'shipped' THEN 'delivered' ELSE status END WHERE id = ?", randomOrderId(r)));
        } else if (p < 0.68) {
            return count(updates, exec("UPDATE orders SET amount = round(amount * (0.9 + random() * 0.2)::numeric, 2), "
                    + "attributes = jsonb_set(coalesce(attributes, '{}'), '{edited}', 'true') WHERE id = ?", randomOrderId(r)));
        } else if (p < 0.70) {
            // a large note: TOASTed, and later updates that leave it alone send it as "unchanged"
            return count(updates, exec("UPDATE orders SET note = (SELECT string_agg(md5(random()::text), ' ') "
                    + "FROM generate_series(1, 300)) WHERE id = ?", randomOrderId(r)));
        } else if (p < 0.78) {
            int n = exec("INSERT INTO customers (name, email, country, loyalty) VALUES ('New customer', "
                    + "'new' || floor(random() * 1e9)::bigint || '@example.com', 'DE', 0)");
            maxCustomerId = scalar("SELECT max(id) FROM customers");
            return count(inserts, n);
        } else if (p < 0.86) {
            return count(updates, exec("UPDATE customers SET loyalty = loyalty + 1.5 WHERE id = ?", 1 + r.nextLong(maxCustomerId)));
        } else if (p < 0.94) {
            return count(updates, exec("UPDATE order_items SET qty = qty + 1 WHERE order_id = ? AND line_no = 1", randomOrderId(r)));
        } else {
            long id = randomOrderId(r);
            int items = exec("DELETE FROM order_items WHERE order_id = ?", id);
            return count(deletes, items + exec("DELETE FROM orders WHERE id = ?", id));
        }
    }

    /** Runs every kind of operation once, each committed, on this (not started) workload's own connection. */
    void runEachOperationOnce() throws SQLException {
        conn = connector.connect();
        conn.setAutoCommit(false);
        maxCustomerId = scalar("SELECT coalesce(max(id), 0) FROM customers");
        try {
            for (double p : new double[] {0.1, 0.4, 0.6, 0.69, 0.75, 0.8, 0.9, 0.97}) {
                step(p);
                conn.commit();
            }
        } finally {
            closeQuietly();
        }
    }

    private int newOrder(ThreadLocalRandom r) throws SQLException {
        long customer = maxCustomerId == 0 ? insertFirstCustomer() : 1 + r.nextLong(maxCustomerId);
        long orderId;
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO orders (customer_id, amount, status, note, attributes) "
                + "VALUES (?, ?, 'new', ?, jsonb_build_object('channel', ?::text, 'gift', ?)) RETURNING id")) {
            ps.setLong(1, customer);
            ps.setBigDecimal(2, java.math.BigDecimal.valueOf(500 + r.nextInt(50_000), 2));
            ps.setString(3, r.nextInt(4) == 0 ? "ring twice" : null);
            ps.setString(4, new String[] {"web", "app", "store"}[r.nextInt(3)]);
            ps.setBoolean(5, r.nextInt(7) == 0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                orderId = rs.getLong(1);
            }
        }
        int lines = 1 + r.nextInt(3);
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO order_items (order_id, line_no, sku, qty, price) VALUES (?,?,?,?,?)")) {
            for (int l = 1; l <= lines; l++) {
                ps.setLong(1, orderId);
                ps.setInt(2, l);
                ps.setString(3, String.format("SKU-%04d", r.nextInt(500)));
                ps.setInt(4, 1 + r.nextInt(5));
                ps.setBigDecimal(5, java.math.BigDecimal.valueOf(100 + r.nextInt(9_900), 2));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return count(inserts, 1 + lines);
    }

    private long insertFirstCustomer() throws SQLException {
        exec("INSERT INTO customers (name, email, country) VALUES ('First customer', 'first@example.com', 'DE')");
        maxCustomerId = scalar("SELECT max(id) FROM customers");
        return maxCustomerId;
    }

    /** An existing order id, or 0 when none exists (statements then touch no row). */
    private long randomOrderId(ThreadLocalRandom r) throws SQLException {
        long max = scalar("SELECT coalesce(max(id), 0) FROM orders");
        if (max == 0) {
            return 0;
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM orders WHERE id >= ? ORDER BY id LIMIT 1")) {
            ps.setLong(1, 1 + r.nextLong(max));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private int exec(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private long scalar(String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Counts rows of the current transaction; they reach the public counters only once it commits. */
    private int count(AtomicLong counter, int rows) {
        int i = counter == inserts ? 0 : counter == updates ? 1 : 2;
        pending[i] += rows;
        return Math.max(1, rows);
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

    private void closeQuietly() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // the connection is being dropped anyway
            }
            conn = null;
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
