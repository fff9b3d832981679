package dev.pipedeck.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version and build time, written into {@code dev/pipedeck/build.properties} by Maven's resource filtering. */
record BuildInfo(String version, String built) {
    static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/pipedeck/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves the defaults below
        }
        String version = p.getProperty("version", "");
        String built = p.getProperty("built", "");
        return new BuildInfo(version.isBlank() || version.startsWith("${") ? "development build" : version,
                built.isBlank() || built.startsWith("${") ? "unknown" : built);
    }

    /** E.g. "17.0.15+6 (Debian), in /usr/lib/jvm/java-17-openjdk-amd64". */
    static String java() {
        return System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                + System.getProperty("java.vendor", "unknown vendor") + "), in " + System.getProperty("java.home");
    }
}
