package dev.pipedeck.catalog;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection URL split into the part that is stored in clear ({@code url}, without password), the user and the
 * password (stored encrypted). Understands {@code jdbc:postgresql://host:port/db?user=u&password=p} and
 * {@code scheme://user:password@host:port/db} (ClickHouse); {@code duckdb:PATH} has no credentials.
 */
public record ConnectionUrl(String url, String user, String password) {
    private static final Pattern JDBC_PARAM = Pattern.compile("([?&])(user|password)=([^&]*)");
    private static final Pattern USERINFO = Pattern.compile("^([a-z]+://)([^/@]*)@(.*)$");

    /** Splits a Postgres JDBC URL. */
    public static ConnectionUrl splitJdbc(String url) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("source URL must look like jdbc:postgresql://host:port/db?user=..&password=.."
                    + (url == null ? "" : " (got '" + redact(url) + "')"));
        }
        String user = null;
        String password = null;
        Matcher m = JDBC_PARAM.matcher(url);
        while (m.find()) {
            String v = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
            if (m.group(2).equals("user")) {
                user = v;
            } else {
                password = v;
            }
        }
        String rest = url.replaceAll("[?&]password=[^&]*", "");
        if (!rest.contains("?") && rest.contains("&")) {
            rest = rest.replaceFirst("&", "?");
        }
        String afterScheme = rest.substring("jdbc:postgresql://".length());
        int slash = afterScheme.indexOf('/');
        if (slash <= 0 || afterScheme.substring(slash + 1).split("\\?")[0].isBlank()) {
            throw new IllegalArgumentException("source URL has no host or database: expected jdbc:postgresql://host:port/db (got '" + redact(url) + "')");
        }
        return new ConnectionUrl(rest, user, password);
    }

    /** Splits {@code scheme://user:password@host...}; other forms are returned as they are. */
    public static ConnectionUrl splitUserInfo(String url) {
        Matcher m = USERINFO.matcher(url);
        if (!m.matches()) {
            return new ConnectionUrl(url, null, null);
        }
        String info = m.group(2);
        int colon = info.indexOf(':');
        String user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
        String password = colon < 0 ? null : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
        String stored = m.group(1) + (user.isEmpty() ? "" : enc(user) + "@") + m.group(3);
        return new ConnectionUrl(stored, user.isEmpty() ? null : user, password);
    }

    /** Puts the password back into a URL split by {@link #splitUserInfo}. */
    public static String joinUserInfo(String url, String user, String password) {
        if (password == null) {
            return url;
        }
        Matcher m = USERINFO.matcher(url);
        if (m.matches()) {
            return m.group(1) + m.group(2) + ":" + enc(password) + "@" + m.group(3);
        }
        int idx = url.indexOf("://");
        return url.substring(0, idx + 3) + enc(user == null ? "default" : user) + ":" + enc(password) + "@" + url.substring(idx + 3);
    }

    /** Puts the password back into a JDBC URL split by {@link #splitJdbc}. */
    public static String joinJdbc(String url, String password) {
        if (password == null) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    /** {@code host:port/db} of a JDBC URL, for people (no parameters). */
    public static String hostAndDatabase(String jdbcUrl) {
        String s = jdbcUrl.replaceFirst("^jdbc:postgresql://", "");
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String redact(String url) {
        return Redaction.redactUrl(url);
    }

    @Override
    public String toString() {
        return url;
    }
}
