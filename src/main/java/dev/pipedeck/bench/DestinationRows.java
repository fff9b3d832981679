package dev.pipedeck.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Counts the live rows of a destination table (deduplicated view), as a check that a scenario moved what it says. */
final class DestinationRows {
    private DestinationRows() {}

    /** Call with the pipe paused: DuckDB allows one writer process and the engine may hold the file. */
    static long count(BenchEnvironment env, String destination, String table) throws SQLException {
        return count(env, destination, table, "1 = 1");
    }

    /** The live rows matching {@code condition} (SQL both destinations understand). */
    static long count(BenchEnvironment env, String destination, String table, String condition) throws SQLException {
        if (destination.startsWith("duckdb:")) {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + destination.substring("duckdb:".length()));
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + table + "\" WHERE " + condition)) {
                rs.next();
                return rs.getLong(1);
            }
        }
        String db = destination.substring(destination.lastIndexOf('/') + 1);
        return Long.parseLong(env.clickHouse().query("SELECT count() FROM `" + db + "`.`" + table
                + "` FINAL WHERE _peerdb_is_deleted = 0 AND (" + condition + ")").strip());
    }
}
