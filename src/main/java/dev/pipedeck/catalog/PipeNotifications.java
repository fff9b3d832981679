package dev.pipedeck.catalog;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * Listens on the catalog's {@code pipedeck_pipes} channel (sent by a trigger on every status or desired-state change)
 * on a dedicated connection, and calls back with the pipe name. Reconnects by itself; callers also poll, so a lost
 * notification costs at most one poll period.
 */
public final class PipeNotifications implements AutoCloseable {
    public static final String CHANNEL = "pipedeck_pipes";
    private static final Logger LOG = LoggerFactory.getLogger(PipeNotifications.class);

    private final String jdbcUrl;
    private final Consumer<String> onChange;
    private final Thread thread;
    private volatile boolean running = true;

    private PipeNotifications(String jdbcUrl, Consumer<String> onChange) {
        this.jdbcUrl = jdbcUrl;
        this.onChange = onChange;
        this.thread = new Thread(this::loop, "pipedeck-notify");
        this.thread.setDaemon(true);
    }

    /** Starts listening; {@code onChange} is called on the listener thread with the changed pipe's name. */
    public static PipeNotifications start(String catalogJdbcUrl, Consumer<String> onChange) {
        PipeNotifications n = new PipeNotifications(catalogJdbcUrl, onChange);
        n.thread.start();
        return n;
    }

    private void loop() {
        long backoffMs = 500;
        while (running) {
            try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                backoffMs = 500;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(500);
                    if (ns != null) {
                        for (PGNotification n : ns) {
                            try {
                                onChange.accept(n.getParameter());
                            } catch (RuntimeException e) {
                                LOG.warn("notification handler failed", e);
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                LOG.debug("catalog notifications interrupted ({}); reconnecting", e.getMessage());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 10_000);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
