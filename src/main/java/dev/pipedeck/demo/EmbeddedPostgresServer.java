package dev.pipedeck.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded Postgres 17 (zonky) configured for logical replication, on a free loopback port. Used by the demo
 * and by tests. Embedded Postgres runs with {@code synchronous_commit=off}: read {@code pg_current_wal_insert_lsn()}
 * for the latest WAL position right after writes.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres pg;

    private EmbeddedPostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /**
     * Starts a server. With {@code dataDir} non-null the data survives restarts (the demo); otherwise a temporary
     * directory is used and removed on close.
     */
    public static EmbeddedPostgresServer start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** As {@link #start(Path)}, on a fixed port ({@code 0}: any free port) so stored URLs stay valid across runs. */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setServerConfig("wal_level", "logical")
                    // one server serves a whole test run, whose pipes leave their slots behind (WAL is retained from the
                    // oldest one on, however many there are)
                    .setServerConfig("max_replication_slots", "256")
                    .setServerConfig("max_wal_senders", "64")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("wal_sender_timeout", "60s")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60));
            if (port > 0) {
                b.setPort(port);
            }
            if (dataDir != null) {
                java.nio.file.Files.createDirectories(dataDir);
                b.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return new EmbeddedPostgresServer(b.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Postgres: " + e.getMessage(), e);
        }
    }

    public int port() {
        return pg.getPort();
    }

    /** JDBC URL of a database on this server (no credentials; user {@code postgres}, no password). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    /** Creates the database if it does not exist yet. */
    public void ensureDatabase(String database) {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
