package dev.pipedeck.sink;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where a pipe writes: {@code clickhouse://user:password@host:8123/database} (https with {@code clickhouses://} or
 * {@code ?secure=true}; {@code ?compress=gzip} gzips insert bodies) or {@code duckdb:PATH}.
 *
 * <p>{@link #toString()} is the {@link #redacted()} form so a URL can be logged or shown safely; the password only
 * leaves through {@link #password()} (the catalog stores it separately, encrypted, and puts it back with
 * {@link #withPassword(String)}).
 */
public record DestinationUrl(Kind kind, boolean secure, String host, int port, String user, String password,
                             String database, String path, boolean gzip, String cluster) {

    public enum Kind { CLICKHOUSE, DUCKDB }

    /** A destination without a cluster. */
    public DestinationUrl(Kind kind, boolean secure, String host, int port, String user, String password,
                          String database, String path, boolean gzip) {
        this(kind, secure, host, port, user, password, database, path, gzip, null);
    }

    public static DestinationUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("destination URL is empty");
        }
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("duckdb:")) {
            String path = t.substring("duckdb:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            if (path.isBlank()) {
                throw new IllegalArgumentException("duckdb URL has no file path (expected duckdb:PATH)");
            }
            return new DestinationUrl(Kind.DUCKDB, false, null, -1, null, null, null, path, false);
        }
        boolean secure;
        String rest;
        if (lower.startsWith("clickhouses://")) {
            secure = true;
            rest = t.substring("clickhouses://".length());
        } else if (lower.startsWith("clickhouse://")) {
            secure = false;
            rest = t.substring("clickhouse://".length());
        } else {
            int colon = t.indexOf(':');
            String scheme = colon > 0 && colon < 20 ? t.substring(0, colon) : "(none)";
            throw new IllegalArgumentException("unsupported destination scheme '" + scheme
                    + "' (expected clickhouse://, clickhouses:// or duckdb:)");
        }
        return parseClickHouse(rest, secure);
    }

    private static DestinationUrl parseClickHouse(String rest, boolean secure) {
        String query = null;
        int q = rest.indexOf('?');
        // '?' may legitimately appear in a (percent-decoded) password only if unescaped; require it encoded
        int at = rest.lastIndexOf('@');
        if (q >= 0 && q > at) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        at = rest.lastIndexOf('@');
        String user = "default";
        String password = "";
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String rawUser = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
            String rawPassword = colon >= 0 ? userInfo.substring(colon + 1) : "";
            user = decode(rawUser, "user name");
            password = decode(rawPassword, "password");
            if (user.isEmpty()) {
                user = "default";
            }
        }
        int slash = rest.indexOf('/');
        String hostPort = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1), "database") : "";
        if (database.endsWith("/")) {
            database = database.substring(0, database.length() - 1);
        }
        if (database.isEmpty()) {
            database = "default";
        }
        if (database.contains("/")) {
            throw new IllegalArgumentException("clickhouse URL database '" + database + "' must not contain '/'");
        }
        boolean gzip = false;
        String cluster = null;
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String k = eq >= 0 ? pair.substring(0, eq) : pair;
                String v = eq >= 0 ? pair.substring(eq + 1) : "true";
                switch (k.toLowerCase(Locale.ROOT)) {
                    case "secure", "ssl" -> secure = secure || bool(k, v);
                    case "compress", "compression" -> gzip = v.equalsIgnoreCase("gzip") || bool(k, v);
                    case "cluster" -> cluster = clusterName(v);
                    default -> throw new IllegalArgumentException("unknown clickhouse URL option '" + k
                            + "' (supported: secure, compress, cluster)");
                }
            }
        }
        String host;
        int port;
        if (hostPort.startsWith("[")) { // IPv6 literal
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("clickhouse URL host '" + hostPort + "' has an unclosed '['");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            port = after.startsWith(":") ? port(after.substring(1)) : -1;
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            port = colon >= 0 ? port(hostPort.substring(colon + 1)) : -1;
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("clickhouse URL has no host (expected clickhouse://user:password@host:8123/database)");
        }
        if (!host.matches("[A-Za-z0-9._:%-]+")) {
            throw new IllegalArgumentException("clickhouse URL host '" + host + "' is not a valid host name");
        }
        if (port < 0) {
            port = secure ? 8443 : 8123;
        }
        return new DestinationUrl(Kind.CLICKHOUSE, secure, host, port, user, password, database, null, gzip, cluster);
    }

    /** A cluster name as ClickHouse's remote_servers spells it: letters, digits and underscores. */
    private static String clusterName(String raw) {
        String name = decode(raw, "cluster name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("clickhouse URL cluster '" + name + "' is not a cluster name "
                    + "(letters, digits and underscores, as in the server's remote_servers)");
        }
        return name;
    }

    private static boolean bool(String key, String v) {
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("clickhouse URL option '" + key + "' must be true or false, not '" + v + "'");
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("clickhouse URL port '" + text + "' is not a number between 1 and 65535");
        }
    }

    /** Percent-decodes; the error message names the part but never shows a password's text. */
    private static String decode(String raw, String part) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            String shown = part.equals("password") ? "" : " '" + raw + "'";
            throw new IllegalArgumentException("clickhouse URL " + part + shown + " has an invalid %-escape");
        }
    }

    public boolean isClickHouse() {
        return kind == Kind.CLICKHOUSE;
    }

    /** True when the destination is a ClickHouse cluster ({@code ?cluster=NAME}). */
    public boolean isCluster() {
        return cluster != null;
    }

    /** The same destination with another password (ClickHouse only). */
    public DestinationUrl withPassword(String newPassword) {
        return new DestinationUrl(kind, secure, host, port, user, newPassword == null ? "" : newPassword,
                database, path, gzip, cluster);
    }

    /** The base http(s) address of the ClickHouse HTTP interface, without credentials. */
    public String httpBase() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (secure ? "https://" : "http://") + h + ":" + port + "/";
    }

    /** The URL with the password replaced by {@code ***}: safe to log and display. */
    public String redacted() {
        if (kind == Kind.DUCKDB) {
            return "duckdb:" + path;
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        String pw = password == null || password.isEmpty() ? "" : ":***";
        String opts = gzip ? "?compress=gzip" : "";
        if (cluster != null) {
            opts += (opts.isEmpty() ? "?" : "&") + "cluster=" + cluster;
        }
        return (secure ? "clickhouses://" : "clickhouse://") + enc(user) + pw + "@" + h + ":" + port + "/"
                + enc(database) + opts;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return redacted();
    }
}
