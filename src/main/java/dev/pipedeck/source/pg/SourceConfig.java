package dev.pipedeck.source.pg;

import java.util.Properties;

/**
 * How to reach a source database. {@code jdbcUrl} carries no credentials (they are split off when a pipe is created,
 * so that the password can be stored encrypted); {@link #toString()} never shows the password.
 */
public record SourceConfig(String jdbcUrl, String user, String password) {
    /** Properties for {@code DriverManager.getConnection}. */
    public Properties connectionProperties() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "pipedeck");
        p.setProperty("connectTimeout", "10");
        return p;
    }

    @Override
    public String toString() {
        return jdbcUrl + (user == null ? "" : " (user " + user + ")");
    }
}
