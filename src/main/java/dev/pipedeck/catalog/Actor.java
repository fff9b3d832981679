package dev.pipedeck.catalog;

import java.net.InetAddress;

/** Who asked for a change: the OS user and host, and whether it came through the console, the CLI or the engine. */
public record Actor(Kind kind, String user, String host) {
    public enum Kind { CONSOLE, CLI, ENGINE, TEST }

    public static Actor of(Kind kind) {
        return new Actor(kind, System.getProperty("user.name", "unknown"), hostName());
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    @Override
    public String toString() {
        return user + "@" + host + " (" + kind.name().toLowerCase() + ")";
    }
}
