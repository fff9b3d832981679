package dev.pipedeck.console;

import com.zaxxer.hikari.HikariDataSource;
import dev.pipedeck.console.common.ConsolePreferences;
import dev.pipedeck.console.start.RecentCatalogs;
import dev.pipedeck.testing.TestPostgres;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File → Connect… switches catalogs in the running console; window, tab, theme and alerts survive a restart. */
class CatalogSwitchAndPreferencesTest extends ShellTestBase {

    @Test
    void fileConnectSwitchesToAnotherCatalogAndTheTitleSaysWhich() {
        String first = catalogWithPipes("switch_a", "pipe-in-a");
        String second = catalogWithPipes("switch_b", "pipe-in-b");
        int port = TestPostgres.server().port();
        launch();
        openCatalog(TestPostgres.jdbcUrl(first) + "?user=postgres", "postgres@127.0.0.1:" + port + "/" + first);
        waitUntil(30, () -> pipeShown("pipe-in-a"));
        assertTrue(title().endsWith("— postgres@127.0.0.1:" + port + "/" + first), title());
        CatalogSession before = shell.session();

        // File → Connect… by its accelerator: the start screen in a dialog over the window
        press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        waitUntil(10, () -> connectDialog() != null);
        assertEquals("Connect to a catalog — PipeDeck", connectDialog().getTitle());
        typeInto("#hostField", "127.0.0.1");
        typeInto("#portField", String.valueOf(port));
        typeInto("#databaseField", second);
        typeInto("#userField", "postgres");
        typeInto("#passwordField", "");
        press(KeyCode.ENTER).release(KeyCode.ENTER); // Connect is the default button
        waitUntil(60, () -> pipeShown("pipe-in-b"));
        waitUntil(10, () -> connectDialog() == null);
        assertTrue(title().endsWith("— postgres@127.0.0.1:" + port + "/" + second), title());
        assertFalse(pipeShown("pipe-in-a"));
        HikariDataSource old = (HikariDataSource) before.catalog().dataSource();
        waitUntil(30, old::isClosed);
        assertEquals(1, new RecentCatalogs(Preferences.userRoot().node(prefsPath).node("catalogs"), SECRETS).list().size());
    }

    @Test
    void windowTabThemeAndAlertsAreRememberedAcrossTwoLaunches() throws Exception {
        String database = catalogWithPipes("prefs", "prefs-pipe");
        String url = TestPostgres.jdbcUrl(database) + "?user=postgres";

        // first launch: move and size the window, open Metrics (Ctrl+3), dark theme (Ctrl+Shift+D), alerts at 2.5 GB
        launch();
        openCatalog(url, "prefs catalog");
        waitUntil(30, () -> pipeShown("prefs-pipe"));
        interact(() -> {
            stage.setX(60);
            stage.setY(40);
            stage.setWidth(1010);
            stage.setHeight(690);
        });
        press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        clickOn("View");
        clickOn("Alerts…");
        waitUntil(10, () -> lookup(".dialog-pane .text-field").tryQuery().isPresent());
        TextField gb = lookup(".dialog-pane .text-field").queryAs(TextField.class);
        interact(gb::clear);
        clickOn(gb).write("2.5");
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(10, () -> prefs().walAlertThresholdBytes() == (long) (2.5 * 1024 * 1024 * 1024));
        Stage first = stage;
        interact(() -> {
            shell.close();
            first.close();
        });
        shell = null;

        // second launch, as a new run would: same preferences, new stage, new shell
        launch();
        assertTrue(stage != first);
        openCatalog(url, "prefs catalog");
        waitUntil(30, () -> pipeShown("prefs-pipe") || lookup("#metricsStatus").tryQuery().isPresent());
        assertEquals(60, stage.getX(), 1);
        assertEquals(40, stage.getY(), 1);
        assertEquals(1010, stage.getWidth(), 1);
        assertEquals(690, stage.getHeight(), 1);
        assertEquals(2, lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().getSelectedIndex(), "Metrics open again");
        assertTrue(stage.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css")), "dark theme again");
        ConsolePreferences again = new ConsolePreferences(Preferences.userRoot().node(prefsPath));
        assertEquals((long) (2.5 * 1024 * 1024 * 1024), again.walAlertThresholdBytes());
    }

    @Test
    void helpAboutShowsVersionJavaAndWhereTheLogIsAndOpensItsFolder() {
        String database = catalogWithPipes("about", "about-pipe");
        launch();
        openCatalog(TestPostgres.jdbcUrl(database) + "?user=postgres", "about catalog");
        waitUntil(30, () -> pipeShown("about-pipe"));
        press(KeyCode.F1).release(KeyCode.F1);
        waitUntil(10, () -> lookup("#aboutVersion").tryQuery().isPresent());
        assertFalse(lookup("#aboutVersion").queryAs(Label.class).getText().isBlank());
        assertTrue(lookup("#aboutJava").queryAs(Label.class).getText().startsWith(System.getProperty("java.runtime.version")));
        assertEquals(temp.resolve("logs").resolve("console.log").toString(), lookup("#aboutLog").queryAs(Label.class).getText());
        press(KeyCode.ALT, KeyCode.L).release(KeyCode.L, KeyCode.ALT); // "Open log folder" by its mnemonic
        waitUntil(10, () -> !openedFolders.isEmpty());
        assertEquals(temp.resolve("logs").toUri(), openedFolders.get(0));
        assertTrue(lookup("#aboutLog").tryQuery().isPresent(), "the dialog stays open");
    }

    private Stage connectDialog() {
        AtomicReference<Stage> found = new AtomicReference<>();
        for (Window w : Window.getWindows()) {
            if (w instanceof Stage s && s != stage && s.isShowing() && s.getTitle() != null && s.getTitle().startsWith("Connect to a catalog")) {
                found.set(s);
            }
        }
        return found.get();
    }
}
