package dev.pipedeck.source.pg;

import org.postgresql.PGProperty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens the two kinds of connections the source needs: normal SQL and logical replication (walsender). */
final class PgConnections {
    private final SourceConfig config;

    PgConnections(SourceConfig config) {
        this.config = config;
    }

    SourceConfig config() {
        return config;
    }

    Connection open(String doing) {
        return connect(config.connectionProperties(), doing);
    }

    private Connection connect(Properties p, String doing) {
        try {
            return DriverManager.getConnection(config.jdbcUrl(), p);
        } catch (SQLException e) {
            throw PgErrors.map(e, doing, config);
        }
    }

    /**
     * A {@code replication=database} connection. Simple query mode because the walsender does not speak the extended
     * protocol; the minimum server version skips PgJDBC's startup queries, which a walsender would also reject.
     */
    Connection openReplication(String doing) {
        Properties p = config.connectionProperties();
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "12");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        return connect(p, doing);
    }

    /**
     * A normal connection that returns every value in the server's text form (simple query mode never uses binary
     * results) and sends string parameters untyped, so a key's text compares against a column of any type. Used to
     * read values in exactly the form pgoutput would have sent them.
     */
    Connection openTextMode(String doing) {
        Properties p = config.connectionProperties();
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        PGProperty.STRING_TYPE.set(p, "unspecified");
        return connect(p, doing);
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing after a failure: the original failure is what matters
            }
        }
    }
}
