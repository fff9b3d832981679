package dev.pipedeck.catalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One short connection to a would-be catalog, for a "Test" button: which server it is and whether PipeDeck's schema
 * is already there. Failures come back as a {@link CatalogException} whose message is a sentence saying what to do.
 */
public record CatalogProbe(String serverVersion, boolean hasSchema, long pipes) {

    public static CatalogProbe check(String jdbcUrl) {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "10");
        props.setProperty("ApplicationName", "pipedeck");
        try (Connection c = DriverManager.getConnection(jdbcUrl, props); Statement st = c.createStatement()) {
            String version;
            try (ResultSet rs = st.executeQuery("SHOW server_version")) {
                rs.next();
                version = rs.getString(1).split(" ")[0];
            }
            boolean schema;
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + Catalog.SCHEMA + ".pipe') IS NOT NULL")) {
                rs.next();
                schema = rs.getBoolean(1);
            }
            long pipes = 0;
            if (schema) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + Catalog.SCHEMA + ".pipe")) {
                    rs.next();
                    pipes = rs.getLong(1);
                }
            }
            return new CatalogProbe(version, schema, pipes);
        } catch (SQLException e) {
            throw new CatalogException(sentence(e), e);
        }
    }

    /** E.g. "PostgreSQL 17.6 with a PipeDeck catalog of 2 pipes." */
    public String describe() {
        if (!hasSchema) {
            return "PostgreSQL " + serverVersion + ", no PipeDeck catalog yet: connecting creates the schema "
                    + Catalog.SCHEMA + " in this database.";
        }
        return "PostgreSQL " + serverVersion + " with a PipeDeck catalog of " + pipes + (pipes == 1 ? " pipe." : " pipes.");
    }

    /** What went wrong and what to do, in one or two sentences without the URL (it may hold a password). */
    static String sentence(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return "The server rejected the login: wrong user or password. Check both and try again.";
        }
        if (state.startsWith("08")) {
            return "The server did not answer. Check the host and port, and that Postgres runs there and accepts "
                    + "connections from this computer.";
        }
        if (state.equals("3D000")) {
            return "That database does not exist on the server. Check the name, or create it first (CREATE DATABASE).";
        }
        if (state.equals("42501")) {
            return "The user may not read that database. Grant it CONNECT and CREATE there, or log in as its owner.";
        }
        String first = Redaction.redactUrl(CatalogException.firstLine(e.getMessage())).strip();
        return "The server refused the connection: " + first + (first.endsWith(".") ? "" : ".");
    }
}
