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
 * Writes the screenshots of states the demo does not reach by itself (New pipe dialog, dark theme, unreachable
 * catalog) from the real window on a catalog with sample pipes; {@link ConsoleDemoScreenshots} takes the main ones on
 * the real demo. Run by
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

    /** The app icon: a pipe with a pause sign, in the console's accent colour. */
    @Test
    void writeIcon() {
        Path dir = Path.of(System.getProperty("pipedeck.screenshots.dir", "assets"));
        AtomicReference<WritableImage> image = new AtomicReference<>();
        interact(() -> {
            javafx.scene.canvas.Canvas c = new javafx.scene.canvas.Canvas(256, 256);
            var g = c.getGraphicsContext2D();
            g.setFill(new javafx.scene.paint.LinearGradient(0, 0, 1, 1, true, javafx.scene.paint.CycleMethod.NO_CYCLE,
                    new javafx.scene.paint.Stop(0, javafx.scene.paint.Color.web("#3b82f6")),
                    new javafx.scene.paint.Stop(1, javafx.scene.paint.Color.web("#1e40af"))));
            g.fillRoundRect(8, 8, 240, 240, 56, 56);
            g.setFill(javafx.scene.paint.Color.WHITE);
            g.fillRoundRect(28, 108, 200, 40, 40, 40);
            g.setFill(javafx.scene.paint.Color.web("#1e40af"));
            g.fillOval(78, 58, 100, 140);
            g.setFill(javafx.scene.paint.Color.WHITE);
            g.fillRoundRect(106, 92, 16, 72, 8, 8);
            g.fillRoundRect(134, 92, 16, 72, 8, 8);
            javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
            p.setFill(javafx.scene.paint.Color.TRANSPARENT);
            image.set(c.snapshot(p, null));
        });
        writeImage(image.get(), dir.resolve("pipedeck-icon.png"));
        writeImage(image.get(), Path.of("src/main/resources/dev/pipedeck/console/icon.png").toAbsolutePath());
    }

    @Test
    void writeScreenshots() {
        Path dir = Path.of(System.getProperty("pipedeck.screenshots.dir", "assets"));
        catalog = new CatalogFixture("console_screens");
        new SampleCatalog(catalog).seed();
        RefreshTest.SwitchableBackend backend = new RefreshTest.SwitchableBackend(new CatalogBackend(catalog.catalog));
        open(backend, Duration.ofSeconds(5), w -> w.newPipeAction((owner, state) -> {
            var vm = new dev.pipedeck.console.datasources.NewPipeViewModel(new SampleChecks(), (spec, actor) -> {
                throw new IllegalStateException("screenshots create nothing");
            }, new dev.pipedeck.console.common.FxTaskRunner(), state, dev.pipedeck.catalog.Actor.of(dev.pipedeck.catalog.Actor.Kind.CONSOLE));
            vm.nameProperty().set("shop-orders");
            vm.sourceUrlProperty().set("jdbc:postgresql://127.0.0.1:54321/shop?user=replicator");
            vm.duckdbProperty().set(true);
            vm.duckdbPathProperty().set("/home/alice/analytics/shop.duckdb");
            new dev.pipedeck.console.datasources.NewPipeDialog(vm, owner).show();
            vm.testSource();
            vm.testDestination();
        }));
        interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            stage.centerOnScreen();
        });
        waitUntil(15, () -> lookup("#pipesTable").queryAs(TableView.class).getItems().size() == 6);
        clickTab("Data Sources");
        clickOn("#newPipeButton");
        sleep(800);
        AtomicReference<Scene> newPipe = new AtomicReference<>();
        interact(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing())
                .findFirst().ifPresent(w -> newPipe.set(w.getScene())));
        if (newPipe.get() != null) {
            write(newPipe.get(), dir.resolve("console-new-pipe.png"));
            clickOn(dialogButton("Cancel"));
        }

        clickOn("#darkToggle");
        clickTab("Data Sources");
        sleep(800);
        write(stage.getScene(), dir.resolve("console-dark.png"));
        clickOn("#darkToggle");

        // the catalog goes away: the banner, with the last data still on screen
        backend.down = true;
        clickTab("Metrics");
        clickOn("#refreshButton");
        waitUntil(10, () -> lookup("#banner").queryAs(javafx.scene.control.Label.class).isVisible());
        sleep(500);
        write(stage.getScene(), dir.resolve("console-catalog-unreachable.png"));
    }

    /** Answers like a demo source: four tables, one without a primary key. */
    static final class SampleChecks implements dev.pipedeck.engine.ConnectionChecks {
        @Override
        public java.util.List<String> checkSource(String url, java.util.List<dev.pipedeck.change.TableRef> tables) {
            return java.util.List.of();
        }

        @Override
        public java.util.List<dev.pipedeck.source.pg.PostgresSource.TableInfo> listTables(String url) {
            return java.util.List.of(info("orders", true, 48_210), info("order_items", true, 131_502),
                    info("customers", true, 9_870), info("page_hits", false, 2_400_000));
        }

        private static dev.pipedeck.source.pg.PostgresSource.TableInfo info(String t, boolean pk, long rows) {
            return new dev.pipedeck.source.pg.PostgresSource.TableInfo(new dev.pipedeck.change.TableRef("public", t), pk, false, rows);
        }

        @Override
        public String checkDestination(String url) {
            return "DuckDB 1.4.4 (file will be created)";
        }
    }

    private void write(Scene scene, Path file) {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        interact(() -> image.set(scene.snapshot(null)));
        writeImage(image.get(), file);
    }

    private static void writeImage(WritableImage image, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
