package dev.pipedeck.console;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.PipeNotifications;
import dev.pipedeck.catalog.Redaction;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.console.common.CatalogBackend;
import dev.pipedeck.console.common.ConsolePreferences;
import dev.pipedeck.demo.DemoEnvironment;
import dev.pipedeck.demo.DemoOptions;
import dev.pipedeck.engine.Worker;
import dev.pipedeck.engine.metrics.MetricsEndpoint;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The desktop console. {@code --demo} starts the demo environment first; otherwise {@code --catalog=URL} or
 * {@code $PIPEDECK_CATALOG} names the catalog. The console starts even while the catalog is down (a banner says so and
 * it recovers by itself) and runs a worker in-process (local mode) when the engine is available.
 */
public final class ConsoleApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);

    private final List<AutoCloseable> closeInOrder = new ArrayList<>();
    private String catalogUrl;
    private String startupProblem;
    private Catalog catalog;
    private DemoEnvironment demo;

    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }

    /** Runs on the launcher thread, before any window: the slow parts (demo database, pool) go here. */
    @Override
    public void init() {
        ConsoleArgs args = ConsoleArgs.parse(getParameters().getRaw(), System.getenv("PIPEDECK_CATALOG"));
        catalogUrl = args.catalogUrl();
        if (args.demo()) {
            try {
                demo = DemoEnvironment.start(DemoOptions.defaults(System.out).withCreatedVia(Actor.Kind.CONSOLE));
                closeInOrder.add(0, demo);
                catalogUrl = demo.catalogUrl();
            } catch (RuntimeException e) {
                LOG.error("the demo environment did not start", e);
                startupProblem = "The demo environment did not start: " + e.getMessage() + ". See the log for details.";
                return;
            }
        }
        if (catalogUrl == null) {
            startupProblem = "No catalog given.\n\nStart the console with --catalog=jdbc:postgresql://host:5432/db?user=... "
                    + "or set PIPEDECK_CATALOG, or run the demo with --demo.";
            return;
        }
        try {
            catalog = Catalog.open(catalogUrl, 4, false);
            closeInOrder.add(0, catalog);
        } catch (RuntimeException e) {
            LOG.error("could not open the catalog", e);
            startupProblem = "Could not open the catalog at " + Redaction.redactUrl(catalogUrl) + ": " + e.getMessage();
            return;
        }
        // the schema may be missing on a fresh catalog; if the catalog is down the banner says so and refresh retries
        CompletableFuture.runAsync(this::migrateAndStartWorker);
    }

    private void migrateAndStartWorker() {
        try {
            catalog.migrate();
        } catch (RuntimeException e) {
            LOG.warn("catalog schema not checked ({}); the console keeps retrying to read it", e.getMessage());
            return;
        }
        try {
            Worker worker = new Worker(catalog, SecretBox.fromEnvironment(), "console-" + host());
            worker.start();
            synchronized (closeInOrder) {
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
    }

    /** Opt-in: PIPEDECK_METRICS_PORT serves /metrics of the in-process worker's pipes. */
    private void serveMetrics(Worker worker) {
        try {
            Integer port = MetricsEndpoint.portFromEnvironment(System.getenv());
            if (port != null) {
                MetricsEndpoint endpoint = MetricsEndpoint.start(worker, catalog, port);
                synchronized (closeInOrder) {
                    closeInOrder.add(0, endpoint);
                }
                LOG.info("serving /metrics of this console's pipes on port {}", endpoint.port());
            }
        } catch (RuntimeException e) {
            LOG.error("/metrics is not served: {}", e.getMessage(), e);
        }
    }

    @Override
    public void start(Stage stage) {
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        if (startupProblem != null) {
            Label text = new Label(startupProblem);
            text.setWrapText(true);
            text.setMaxWidth(640);
            StackPane pane = new StackPane(text);
            pane.getStyleClass().add("page");
            Scene scene = new Scene(pane, 900, 400);
            scene.getStylesheets().add(MainWindow.class.getResource(MainWindow.CSS).toExternalForm());
            stage.setTitle("PipeDeck");
            stage.setScene(scene);
            stage.show();
            return;
        }
        MainWindow window = new MainWindow(new CatalogBackend(catalog), ConsolePreferences.user())
                .newPipeAction(NewPipeWiring.action(catalog, closeInOrder));
        window.show(stage);
        closeInOrder.add(0, window);
        PipeNotifications notifications = PipeNotifications.start(catalogUrl, name -> Platform.runLater(window.state()::refreshNow));
        closeInOrder.add(0, notifications);
    }

    @Override
    public void stop() {
        List<AutoCloseable> all;
        synchronized (closeInOrder) {
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

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "local";
        }
    }
}
