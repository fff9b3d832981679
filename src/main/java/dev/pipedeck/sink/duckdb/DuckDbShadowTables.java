package dev.pipedeck.sink.duckdb;

import dev.pipedeck.sink.Destination;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A resync's shadow tables in a DuckDB file: each has its own tombstones table and truncate mark, like any table.
 * The swap runs inside the caller's transaction, so other connections see all old tables or all new ones.
 */
final class DuckDbShadowTables {
    private final Connection conn;
    private final DuckDbSchema schema;

    DuckDbShadowTables(Connection conn, DuckDbSchema schema) {
        this.conn = conn;
        this.schema = schema;
    }

    void drop(String shadow) throws SQLException {
        requireShadow(shadow);
        dropTable(shadow);
    }

    void swapIn(Map<String, String> liveToShadow) throws SQLException {
        for (Map.Entry<String, String> e : liveToShadow.entrySet()) {
            String live = e.getKey();
            String shadow = e.getValue();
            requireShadow(shadow);
            if (schema.columns(shadow).isEmpty()) {
                throw new SQLException("resync shadow table " + shadow + " does not exist");
            }
            dropTable(live);
            exec("ALTER TABLE " + DuckDbTypes.ident(shadow) + " RENAME TO " + DuckDbTypes.ident(live));
            exec("ALTER TABLE " + tombstones(shadow) + " RENAME TO " + tombstones(live));
            try (PreparedStatement ps = conn.prepareStatement("UPDATE _pipedeck_tables SET table_name = ? WHERE table_name = ?")) {
                ps.setString(1, live);
                ps.setString(2, shadow);
                ps.executeUpdate();
            }
        }
    }

    /** The table, its tombstones and its truncate mark (each if present). */
    private void dropTable(String table) throws SQLException {
        exec("DROP TABLE IF EXISTS " + DuckDbTypes.ident(table));
        exec("DROP TABLE IF EXISTS " + tombstones(table));
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM _pipedeck_tables WHERE table_name = ?")) {
            ps.setString(1, table);
            ps.executeUpdate();
        }
    }

    private static String tombstones(String table) {
        return DuckDbTypes.ident("_pipedeck_tombstones_" + table);
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    private static void requireShadow(String table) {
        if (!table.endsWith(Destination.SHADOW_SUFFIX)) {
            throw new IllegalArgumentException("not a resync shadow table: " + table);
        }
    }
}
