package dev.pipedeck.console.common;

import java.util.prefs.Preferences;

/** Per-user console settings (java.util.prefs): the retained-WAL alert threshold and the theme. */
public final class ConsolePreferences {
    public static final long DEFAULT_WAL_THRESHOLD = 1024L * 1024 * 1024;
    private static final String WAL_THRESHOLD = "walAlertThresholdBytes";
    private static final String DARK = "darkTheme";

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
}
