package dev.pipedeck.console.ui;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.console.common.CatalogBackend;
import dev.pipedeck.demo.DemoEnvironment;
import dev.pipedeck.demo.DemoOptions;
import dev.pipedeck.engine.Worker;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The README's main screenshots, taken on the real demo: embedded Postgres with the shop workload, the engine running
 * the {@code shop-demo} pipe into DuckDB, the operator pausing it through the Settings tab's dialog. Run by
 * {@code scripts/screenshots.sh} under Xvfb; skipped in normal test runs.
 */
@EnabledIfSystemProperty(named = "pipedeck.screenshots", matches = "true")
class ConsoleDemoScreenshots extends WindowTestBase {
    @Test
    void writeDemoScreenshots() throws Exception {
        Path dir = Path.of(System.getProperty("pipedeck.screenshots.dir", "assets"));
        Path home = Files.createTempDirectory("pipedeck-screens");
        DemoEnvironment demo = DemoEnvironment.start(DemoOptions.defaults(System.out).withDir(home.resolve("demo"))
                .withRowsPerSecond(150).withCreatedVia(Actor.Kind.CONSOLE));
        Worker worker = new Worker(demo.catalog(), demo.secrets(), "console-demo");
        demo.closeFirst(worker);
        try {
            worker.start();
            open(new CatalogBackend(demo.catalog()), Duration.ofSeconds(5));
            interact(() -> {
                stage.setWidth(1280);
                stage.setHeight(800);
                stage.centerOnScreen();
            });
            waitUntil(30, () -> lookup("#pipesTable").queryAs(TableView.class).getItems().size() == 1);
            clickPipe(DemoEnvironment.PIPE_NAME);
            clickTab("Settings");
            waitUntil(90, () -> "Running".equals(text("#settingsStatus")));
            sleep(45_000); // a few minutes of charts would be nicer; 45 s keeps the script short
            clickTab("Data Sources");
            sleep(5_500);
            write(stage.getScene(), dir.resolve("console-datasources.png"));
            clickTab("Settings");
            sleep(500);
            write(stage.getScene(), dir.resolve("console-settings.png"));
            clickTab("Metrics");
            sleep(5_500);
            write(stage.getScene(), dir.resolve("console-metrics.png"));

            // the operator's pause, as in the hosted product's guide: Settings → Pause → dialog → Pause → Metrics
            clickTab("Settings");
            clickOn("#pauseButton");
            sleep(500);
            write(dialogScene(), dir.resolve("console-pause-dialog.png"));
            clickOn(dialogButton("Pause"));
            clickTab("Metrics");
            waitUntil(30, () -> "Paused".equals(text("#metricsStatus")));
            sleep(30_000); // the workload goes on: the slot's retained WAL grows while paused
            write(stage.getScene(), dir.resolve("console-metrics-paused.png"));

            // a paused pipe is where it is changed: Edit… (its tables, and the source's tables to add) and Resync…
            clickTab("Settings");
            waitUntil(10, () -> !lookup("#editButton").queryButton().isDisabled());
            clickOn("#editButton");
            waitUntil(30, () -> !lookup("#availableList").queryAs(ListView.class).getItems().isEmpty());
            sleep(500);
            write(dialogScene(), dir.resolve("console-edit-dialog.png"));
            clickOn(dialogButton("Cancel"));
            waitUntil(5, () -> lookup(".dialog-pane").tryQuery().isEmpty());
            clickOn("#resyncButton");
            waitUntil(5, () -> lookup("#resyncOneTable").tryQuery().isPresent());
            clickOn("#resyncOneTable");
            sleep(500);
            write(dialogScene(), dir.resolve("console-resync-dialog.png"));
            clickOn(dialogButton("Cancel"));
        } finally {
            demo.close();
        }
    }

    /** The open dialog's scene. */
    private Scene dialogScene() {
        AtomicReference<Scene> dialog = new AtomicReference<>();
        interact(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing()
                && w.getScene().getRoot().lookup(".dialog-pane") != null).findFirst().ifPresent(w -> dialog.set(w.getScene())));
        return dialog.get();
    }

    private void write(Scene scene, Path file) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        interact(() -> image.set(scene.snapshot(null)));
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", new File(file.toString()));
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
