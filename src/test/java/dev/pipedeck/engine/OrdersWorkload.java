package dev.pipedeck.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A concurrent insert/update/delete load on {@code orders}, in small transactions at a target rate. {@link #stop()}
 * returns a WAL position taken inside its last transaction: once a pipe has applied a commit at or after it, it has
 * everything the load wrote.
 */
final class OrdersWorkload implements AutoCloseable {
    private final Callable<Connection> connect;
    private final int rowsPerSecond;
    private final AtomicLong nextId;
    private final Thread thread;
    private final Random random = new Random(42);
    private volatile boolean running = true;
    private volatile long lastLsn;
    private volatile Exception failure;
    final AtomicLong rowsWritten = new AtomicLong();

    OrdersWorkload(Callable<Connection> connect, long firstId, int rowsPerSecond) {
        this.connect = connect;
        this.rowsPerSecond = rowsPerSecond;
        this.nextId = new AtomicLong(firstId);
        this.thread = new Thread(this::loop, "orders-workload");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        try (Connection c = connect.call()) {
            c.setAutoCommit(false);
            int perTx = Math.max(1, rowsPerSecond / 50);
            long txNanos = 1_000_000_000L * perTx / rowsPerSecond;
            long next = System.nanoTime();
            try (PreparedStatement upd = c.prepareStatement("UPDATE orders SET status = ?, amount = amount + 1 WHERE id = ?");
                 PreparedStatement del = c.prepareStatement("DELETE FROM orders WHERE id = ?");
                 Statement st = c.createStatement()) {
                while (running) {
                    int inserts = 0;
                    for (int i = 0; i < perTx; i++) {
                        int kind = random.nextInt(10);
                        long max = nextId.get();
                        if (kind < 6 || max < 10) {
                            inserts++;
                        } else if (kind < 9) {
                            upd.setString(1, "s" + random.nextInt(5));
                            upd.setLong(2, random.nextLong(max));
                            upd.executeUpdate();
                        } else {
                            del.setLong(1, random.nextLong(max));
                            del.executeUpdate();
                        }
                    }
                    if (inserts > 0) {
                        long first = nextId.getAndAdd(inserts);
                        OrdersTable.insert(c, first, inserts); // commits
                    } else {
                        c.commit();
                    }
                    rowsWritten.addAndGet(perTx);
                    next += txNanos;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn")) {
                    rs.next();
                    lastLsn = rs.getLong(1);
                }
                // a last transaction that commits after the position taken above
                OrdersTable.insert(c, nextId.getAndIncrement(), 1);
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Stops the load; returns the WAL position to wait for. */
    long stop() throws Exception {
        running = false;
        thread.join(30_000);
        if (failure != null) {
            throw failure;
        }
        return lastLsn;
    }

    @Override
    public void close() throws SQLException {
        if (running) {
            running = false;
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
