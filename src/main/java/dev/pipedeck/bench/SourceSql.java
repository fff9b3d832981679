package dev.pipedeck.bench;

import dev.pipedeck.change.Lsn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small source-side queries the scenarios share. */
final class SourceSql {
    private SourceSql() {}

    static String walPositionText(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static long walPosition(Connection c) throws SQLException {
        return Lsn.parse(walPositionText(c)).value();
    }
}
