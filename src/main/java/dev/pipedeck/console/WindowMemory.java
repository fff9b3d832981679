package dev.pipedeck.console;

import dev.pipedeck.console.common.ConsolePreferences;
import dev.pipedeck.console.common.ConsolePreferences.WindowBounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.TabPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Puts the window back where and as big as it was, and keeps track of that (and of the open tab) in the preferences. */
final class WindowMemory {
    private WindowMemory() {}

    /** Restores the last place and size, when it is still on a screen; then records every change. Call once per stage. */
    static void manage(Stage stage, ConsolePreferences prefs) {
        prefs.windowBounds().ifPresent(b -> {
            if (onSomeScreen(b)) {
                stage.setX(b.x());
                stage.setY(b.y());
            }
            stage.setWidth(Math.max(b.width(), stage.getMinWidth()));
            stage.setHeight(Math.max(b.height(), stage.getMinHeight()));
            stage.setMaximized(b.maximized());
        });
        Runnable save = () -> {
            if (stage.isMaximized()) {
                // keep the size it had before, for when it is restored
                prefs.windowBounds().ifPresentOrElse(
                        b -> prefs.setWindowBounds(new WindowBounds(b.x(), b.y(), b.width(), b.height(), true)),
                        () -> prefs.setWindowBounds(new WindowBounds(stage.getX(), stage.getY(), 1280, 800, true)));
            } else if (stage.getWidth() > 0 && stage.getHeight() > 0 && !Double.isNaN(stage.getX())) {
                prefs.setWindowBounds(new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false));
            }
        };
        stage.xProperty().addListener((o, a, b) -> save.run());
        stage.yProperty().addListener((o, a, b) -> save.run());
        stage.widthProperty().addListener((o, a, b) -> save.run());
        stage.heightProperty().addListener((o, a, b) -> save.run());
        stage.maximizedProperty().addListener((o, a, b) -> save.run());
        stage.setOnHidden(e -> prefs.flush());
    }

    /** Opens the tab that was open last time, and records the choice from now on. */
    static void manageTabs(TabPane tabs, ConsolePreferences prefs) {
        int tab = prefs.openTab();
        if (tab < tabs.getTabs().size()) {
            tabs.getSelectionModel().select(tab);
        }
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0) {
                prefs.setOpenTab(b.intValue());
            }
        });
    }

    private static boolean onSomeScreen(WindowBounds b) {
        Rectangle2D titleBar = new Rectangle2D(b.x(), b.y(), Math.max(1, b.width()), 40);
        return Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(titleBar));
    }
}
