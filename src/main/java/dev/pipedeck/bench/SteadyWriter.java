package dev.pipedeck.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mixed insert/update/delete load on {@code orders} at a fixed rate, in 50 transactions a second (60% inserts, 30%
 * updates, 10% deletes). Each transaction reads the WAL insert position just before it commits and, once committed,
 * queues {@link Commit}(that position, the wall time): a pipe consistent as of a position at or after it has that
 * transaction, and none earlier can be (one writer), which is what the latency scenario measures.
 */
final class SteadyWriter implements AutoCloseable {
    /** A committed transaction: a WAL position inside it, and {@link System#nanoTime()} right after the commit. */
    record Commit(long lsn, long committedNanos) {}

    private static final int TX_PER_SECOND = 50;
    final ConcurrentLinkedQueue<Commit> commits = new ConcurrentLinkedQueue<>();
    final AtomicLong rowsWritten = new AtomicLong();
    private final Callable<Connection> connect;
    private final int rowsPerSecond;
    private final AtomicLong nextId;
    private final Random random = new Random(42);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastLsn;
    private volatile Exception failure;

    SteadyWriter(Callable<Connection> connect, long firstId, int rowsPerSecond) {
        this.connect = connect;
        this.rowsPerSecond = rowsPerSecond;
        this.nextId = new AtomicLong(firstId);
        this.thread = new Thread(this::loop, "bench-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        int perTx = Math.max(1, rowsPerSecond / TX_PER_SECOND);
        long txNanos = 1_000_000_000L * perTx / rowsPerSecond;
        try (Connection c = connect.call();
             PreparedStatement upd = c.prepareStatement("UPDATE orders SET status = ?, amount = amount + 1 WHERE id = ANY(?)");
             PreparedStatement del = c.prepareStatement("DELETE FROM orders WHERE id = ANY(?)");
             Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            long next = System.nanoTime();
            while (running) {
                int updates = perTx * 3 / 10;
                int deletes = perTx / 10;
                int inserts = perTx - updates - deletes;
                long first = nextId.getAndAdd(inserts);
                st.execute(OrdersSql.insert("orders", first, inserts));
                upd.setString(1, "s" + random.nextInt(5));
                upd.setArray(2, randomIds(c, updates, first));
                upd.executeUpdate();
                del.setArray(1, randomIds(c, deletes, first));
                del.executeUpdate();
                long lsn = SourceSql.walPosition(c);
                c.commit();
                commits.add(new Commit(lsn, System.nanoTime()));
                lastLsn = lsn;
                rowsWritten.addAndGet(perTx);
                next += txNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            // a last transaction committing after lastLsn: the pipe passes lastLsn only by applying it
            st.execute(OrdersSql.insert("orders", nextId.getAndIncrement(), 1));
            c.commit();
        } catch (Exception e) {
            failure = e;
        }
    }

    private Array randomIds(Connection c, int n, long below) throws SQLException {
        Long[] ids = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1 + random.nextLong(Math.max(1, below - 1));
        }
        return c.createArrayOf("bigint", ids);
    }

    /** Stops the load and returns a WAL position inside its last measured transaction. */
    long stop() throws Exception {
        running = false;
        thread.join(30_000);
        if (failure != null) {
            throw failure;
        }
        return lastLsn;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a pipe's consistent-as-of position straight from the catalog table (cheap enough to poll every 10 ms). */
    static long consistentLsn(Connection catalog, String pipe) throws SQLException {
        try (PreparedStatement ps = catalog.prepareStatement("SELECT consistent_lsn FROM pipedeck.pipe WHERE name = ?")) {
            ps.setString(1, pipe);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
