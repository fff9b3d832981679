package dev.pipedeck.console.ui;

import dev.pipedeck.console.common.CatalogBackend;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes the README screenshots from the real window on a catalog with sample pipes. Run by
 * {@code scripts/screenshots.sh} (under Xvfb, with the GTK glass platform); skipped in normal test runs.
 */
@EnabledIfSystemProperty(named = "pipedeck.screenshots", matches = "true")
class ConsoleScreenshots extends WindowTestBase {
    private static CatalogFixture catalog;

    @AfterAll
    static void close() {
        if (catalog != null) {
            catalog.close();
        }
    }

    @Test
    void writeScreenshots() {
        Path dir = Path.of(System.getProperty("pipedeck.screenshots.dir", "assets"));
        catalog = new CatalogFixture("console_screens");
        new SampleCatalog(catalog).seed();
        open(new CatalogBackend(catalog.catalog), Duration.ofSeconds(5));
        interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            stage.centerOnScreen();
        });
        waitUntil(15, () -> lookup("#pipesTable").queryAs(TableView.class).getItems().size() == 6);
        sleep(800);
        write(stage.getScene(), dir.resolve("console-datasources.png"));

        clickPipe("shop-demo");
        clickTab("Settings");
        waitUntil(10, () -> "Running".equals(text("#settingsStatus")));
        sleep(500);
        write(stage.getScene(), dir.resolve("console-settings.png"));

        clickTab("Metrics");
        waitUntil(10, () -> "Running".equals(text("#metricsStatus")));
        sleep(800);
        write(stage.getScene(), dir.resolve("console-metrics.png"));

        clickTab("Data Sources");
        clickPipe("orders-analytics");
        clickTab("Settings");
        waitUntil(10, () -> "Paused".equals(text("#settingsStatus")));
        clickTab("Metrics");
        sleep(800);
        write(stage.getScene(), dir.resolve("console-metrics-paused.png"));

        clickTab("Data Sources");
        clickPipe("shop-demo");
        clickTab("Settings");
        waitUntil(10, () -> "Running".equals(text("#settingsStatus")));
        clickOn("#pauseButton");
        dialogButton("Cancel");
        sleep(500);
        AtomicReference<Scene> dialog = new AtomicReference<>();
        interact(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing()
                && w.getScene().getRoot().lookup(".dialog-pane") != null).findFirst().ifPresent(w -> dialog.set(w.getScene())));
        write(dialog.get(), dir.resolve("console-pause-dialog.png"));
        clickOn(dialogButton("Cancel"));

        clickOn("#darkToggle");
        clickTab("Data Sources");
        sleep(800);
        write(stage.getScene(), dir.resolve("console-dark.png"));
        clickOn("#darkToggle");
    }

    private void write(Scene scene, Path file) {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        interact(() -> image.set(scene.snapshot(null)));
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", new File(file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
