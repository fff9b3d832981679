package dev.pipedeck.console.common;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Per-user console settings (java.util.prefs, kept in the user's own files, never in a catalog): the retained-WAL
 * alert threshold, the theme, the window's place and size, and the open tab.
 */
public final class ConsolePreferences {
    public static final long DEFAULT_WAL_THRESHOLD = 1024L * 1024 * 1024;
    private static final String WAL_THRESHOLD = "walAlertThresholdBytes";
    private static final String DARK = "darkTheme";
    private static final String WINDOW_X = "windowX";
    private static final String WINDOW_Y = "windowY";
    private static final String WINDOW_WIDTH = "windowWidth";
    private static final String WINDOW_HEIGHT = "windowHeight";
    private static final String WINDOW_MAXIMIZED = "windowMaximized";
    private static final String OPEN_TAB = "openTab";

    /** Where the window was and how big, when not maximized; and whether it was maximized. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {}

    private final Preferences node;

    public ConsolePreferences(Preferences node) {
        this.node = node;
    }

    public static ConsolePreferences user() {
        return new ConsolePreferences(Preferences.userRoot().node("dev/pipedeck/console"));
    }

    public long walAlertThresholdBytes() {
        long v = node.getLong(WAL_THRESHOLD, DEFAULT_WAL_THRESHOLD);
        return v > 0 ? v : DEFAULT_WAL_THRESHOLD;
    }

    public void setWalAlertThresholdBytes(long bytes) {
        node.putLong(WAL_THRESHOLD, bytes);
    }

    public boolean darkTheme() {
        return node.getBoolean(DARK, false);
    }

    public void setDarkTheme(boolean dark) {
        node.putBoolean(DARK, dark);
    }

    public Optional<WindowBounds> windowBounds() {
        double w = node.getDouble(WINDOW_WIDTH, -1);
        double h = node.getDouble(WINDOW_HEIGHT, -1);
        if (w <= 0 || h <= 0) {
            return Optional.empty();
        }
        return Optional.of(new WindowBounds(node.getDouble(WINDOW_X, 0), node.getDouble(WINDOW_Y, 0), w, h,
                node.getBoolean(WINDOW_MAXIMIZED, false)));
    }

    public void setWindowBounds(WindowBounds b) {
        node.putDouble(WINDOW_X, b.x());
        node.putDouble(WINDOW_Y, b.y());
        node.putDouble(WINDOW_WIDTH, b.width());
        node.putDouble(WINDOW_HEIGHT, b.height());
        node.putBoolean(WINDOW_MAXIMIZED, b.maximized());
    }

    /** Index of the tab that was open (0: Data Sources). */
    public int openTab() {
        return Math.max(0, node.getInt(OPEN_TAB, 0));
    }

    public void setOpenTab(int index) {
        node.putInt(OPEN_TAB, index);
    }

    /** The node the console keeps other per-user lists under (e.g. the catalogs used before). */
    public Preferences node(String child) {
        return node.node(child);
    }

    /** Writes the settings to the user's files now (java.util.prefs also does so on its own, and at exit). */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // a read-only home: the settings last for this run only
        }
    }
}
