package dev.pipedeck.console.start;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where a catalog lives and who logs in: everything of its connection except the password. */
public record CatalogAddress(String host, int port, String database, String user) {
    public static final int DEFAULT_PORT = 5432;

    /** The JDBC URL with the password (never show or log it; {@link #display()} is for people). */
    public String jdbcUrl(String password) {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostForUrl()).append(':').append(port)
                .append('/').append(enc(database)).append("?user=").append(enc(user));
        if (password != null && !password.isEmpty()) {
            url.append("&password=").append(enc(password));
        }
        return url.toString();
    }

    /** {@code user@host:port/database}: how lists and the title bar name a catalog. */
    public String display() {
        return user + "@" + hostForUrl() + ":" + port + "/" + database;
    }

    private String hostForUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
