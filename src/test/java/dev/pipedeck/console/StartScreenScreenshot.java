package dev.pipedeck.console;

import dev.pipedeck.console.start.CatalogAddress;
import dev.pipedeck.console.start.RecentCatalogs;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

/**
 * The README's start screen (assets/console-start.png), from a real window: two catalogs used before, the connect
 * form. Run by {@code scripts/screenshots.sh} under Xvfb; skipped in normal test runs.
 */
@EnabledIfSystemProperty(named = "pipedeck.screenshots", matches = "true")
class StartScreenScreenshot extends ShellTestBase {
    @Test
    void writeStartScreen() throws Exception {
        Path dir = Path.of(System.getProperty("pipedeck.screenshots.dir", "assets"));
        RecentCatalogs recents = new RecentCatalogs(Preferences.userRoot().node(prefsPath).node("catalogs"), SECRETS);
        recents.remember(new CatalogAddress("pg-staging.internal", 5432, "pipedeck", "pipedeck"), "example");
        sleep(50);
        recents.remember(new CatalogAddress("catalog.prod.internal", 5432, "pipedeck", "alice"), "example");
        launch();
        interact(() -> {
            shell.showStart(null);
            stage.setWidth(1100);
            stage.setHeight(680);
            stage.centerOnScreen();
        });
        interact(() -> lookup("#recentList").queryListView().getSelectionModel().clearSelection());
        interact(() -> lookup("#demoButton").query().requestFocus());
        sleep(1000);
        AtomicReference<WritableImage> image = new AtomicReference<>();
        interact(() -> image.set(stage.getScene().snapshot(null)));
        Path file = dir.resolve("console-start.png");
        Files.createDirectories(dir);
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", new File(file.toString()));
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
