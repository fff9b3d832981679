package dev.pipedeck.console;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.PipeNotifications;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.demo.DemoEnvironment;
import dev.pipedeck.engine.Worker;
import dev.pipedeck.engine.metrics.MetricsEndpoint;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One open catalog: its pool, the in-process worker (local mode), the LISTEN connection, the window on it, and the
 * demo environment when it is the demo's. Closed newest first; closing may block (the worker pauses its pipes), so
 * callers on the FX thread use {@link #closeInBackground()}.
 */
final class CatalogSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSession.class);

    private final Catalog catalog;
    private final String name;
    private final DemoEnvironment demo;
    private final List<AutoCloseable> closeInOrder = new ArrayList<>();
    private MainWindow window;
    private boolean closed;
    private volatile boolean windowClosed;

    CatalogSession(Catalog catalog, String name, DemoEnvironment demo) {
        this.catalog = catalog;
        this.name = name;
        this.demo = demo;
        if (demo != null) {
            closeInOrder.add(demo);
        }
        closeInOrder.add(0, catalog);
    }

    /** Checks the schema and starts a worker in this process, in the background (the catalog may be down). */
    void startWorker(SecretBox secrets, String workerId) {
        CompletableFuture.runAsync(() -> {
            try {
                catalog.migrate();
            } catch (RuntimeException e) {
                LOG.warn("catalog schema not checked ({}); the console keeps retrying to read it", e.getMessage());
                return;
            }
            try {
                Worker worker = new Worker(catalog, secrets, workerId);
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    worker.start();
                    closeInOrder.add(0, worker);
                }
                if (demo != null) {
                    demo.closeFirst(worker); // Ctrl+C: the demo's own hook stops the worker before Postgres
                }
                LOG.info("running pipes in this console (worker {})", worker.id());
                serveMetrics(worker);
            } catch (RuntimeException e) {
                LOG.error("the in-process worker did not start", e);
            }
        });
    }

    /** Opt-in: PIPEDECK_METRICS_PORT serves /metrics of the in-process worker's pipes. */
    private void serveMetrics(Worker worker) {
        try {
            Integer port = MetricsEndpoint.portFromEnvironment(System.getenv());
            if (port != null) {
                MetricsEndpoint endpoint = MetricsEndpoint.start(worker, catalog, port);
                closeLater(endpoint);
                LOG.info("serving /metrics of this console's pipes on port {}", endpoint.port());
            }
        } catch (RuntimeException e) {
            LOG.error("/metrics is not served: {}", e.getMessage(), e);
        }
    }

    /** Shows the window's data as soon as a pipe changes (LISTEN/NOTIFY), besides the 5 s refresh. */
    synchronized void attach(MainWindow w) {
        this.window = w;
        closeInOrder.add(0, w);
        try {
            PipeNotifications notifications = PipeNotifications.start(catalog.jdbcUrl(), n -> Platform.runLater(() -> {
                if (!windowClosed) {
                    w.state().refreshNow();
                }
            }));
            closeInOrder.add(0, notifications);
        } catch (RuntimeException e) {
            LOG.warn("no change notifications from the catalog ({}); the console refreshes every 5 s", e.getMessage());
        }
    }

    Catalog catalog() {
        return catalog;
    }

    String name() {
        return name;
    }

    boolean isDemo() {
        return demo != null;
    }

    MainWindow window() {
        return window;
    }

    /** Registers something to close with this session (before what is already registered). */
    synchronized void closeLater(AutoCloseable c) {
        closeInOrder.add(0, c);
    }

    /** Stops the window's refresh at once (FX thread), the rest on a background thread. */
    void closeInBackground() {
        windowClosed = true;
        if (window != null) {
            window.close();
        }
        Thread t = new Thread(this::close, "pipedeck-close-" + name);
        t.setDaemon(false); // let a worker finish pausing its pipes even if the window is gone
        t.start();
    }

    @Override
    public void close() {
        List<AutoCloseable> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            windowClosed = true;
            all = List.copyOf(closeInOrder);
        }
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("while closing {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
