package dev.pipedeck.sink.duckdb;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination.TableTarget;
import dev.pipedeck.sink.MetaColumns;
import dev.pipedeck.sink.LayoutCheck;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Creates, verifies and widens DuckDB tables; never drops a user's table. */
final class DuckDbSchema {
    private static final Logger log = LoggerFactory.getLogger(DuckDbSchema.class);
    static final List<String> META = List.of("_peerdb_synced_at", "_peerdb_is_deleted", "_peerdb_version");

    private final Connection conn;

    DuckDbSchema(Connection conn) {
        this.conn = conn;
    }

    void init() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS _pipedeck_tables (table_name VARCHAR PRIMARY KEY, "
                    + "truncated_version BIGINT NOT NULL)");
        }
    }

    DuckTable prepare(TableTarget target) throws SQLException {
        TableSchema schema = target.schema();
        String name = target.destinationTable();
        List<String> keys = schema.keyColumns().stream().map(ColumnSpec::name).toList();
        if (keys.isEmpty()) {
            throw PipeDeckException.permanent("Source table " + schema.table() + " has no primary key; DuckDB table "
                    + name + " needs one to apply updates and deletes. Add a primary key to the source table.");
        }
        refuse(schema);
        List<DuckColumn> columns = schema.columns().stream().map(DuckDbTypes::column).toList();
        Map<String, String> existing = columns(name);
        DuckTable table = new DuckTable(name, columns, keys);
        if (existing.isEmpty()) {
            String cols = columns.stream().map(c -> c.quoted() + " " + c.type()).collect(Collectors.joining(", "));
            exec("CREATE TABLE " + table.quoted() + " (" + cols + ", \"_peerdb_synced_at\" TIMESTAMP, "
                    + "\"_peerdb_is_deleted\" TINYINT NOT NULL DEFAULT 0, \"_peerdb_version\" BIGINT NOT NULL)");
            log.info("Created DuckDB table {}", name);
        } else {
            verify(name, keys, existing);
            table = widen(table, List.of(), columns, existing);
        }
        ensureAux(table);
        return table;
    }

    /** Columns DuckDB cannot hold beside PipeDeck's own (see {@link MetaColumns}): a PERMANENT error with the sentences. */
    static void refuse(TableSchema schema) {
        List<String> refused = MetaColumns.refusals(schema, "DuckDB", true);
        if (!refused.isEmpty()) {
            throw PipeDeckException.permanent(String.join(" ", refused));
        }
    }

    DuckTable evolve(DuckTable current, TableSchema schema) throws SQLException {
        refuse(schema);
        List<DuckColumn> added = schema.columns().stream().filter(c -> !current.has(c.name()))
                .map(DuckDbTypes::column).toList();
        // Columns the schema lacks keep their spec: the schema may be older than the table (changes from before an
        // ADD COLUMN, replayed or read after a resume), and such rows predate the column.
        DuckTable t = widen(current, current.columns(), added, columns(current.name()));
        ensureAux(t);
        return t;
    }

    private DuckTable widen(DuckTable t, List<DuckColumn> have, List<DuckColumn> wanted, Map<String, String> existing)
            throws SQLException {
        List<DuckColumn> result = new ArrayList<>(have);
        for (DuckColumn c : wanted) {
            if (!existing.containsKey(c.name())) {
                String older = olderRowsDefault(c);
                exec("ALTER TABLE " + t.quoted() + " ADD COLUMN IF NOT EXISTS " + c.quoted() + " " + c.type() + older);
                log.info("Added column {} {}{} to DuckDB table {}", c.name(), c.type(), older, t.name());
            }
            result.add(c);
        }
        return new DuckTable(t.name(), result, t.keys());
    }

    /**
     * Rows older than a column take the value Postgres gives them (ADD COLUMN ... DEFAULT constant, no change event
     * for them): the column is added with that value as its DEFAULT, which DuckDB gives every existing row. The value
     * goes through the same appender as rows (into a temp table) and comes back as DuckDB's own text for it, so every
     * type lands as it would in a row. (An UPDATE after the ALTER cannot commit in the same DuckDB transaction.)
     */
    private String olderRowsDefault(DuckColumn c) throws SQLException {
        Object value = c.spec().existingRowsValue();
        if (value == null) {
            return "";
        }
        String temp = DuckDbTypes.ident("_pd_added_value");
        exec("CREATE OR REPLACE TEMP TABLE " + temp + " (v " + c.type() + ")");
        try (DuckDBAppender a = conn.unwrap(DuckDBConnection.class).createAppender("temp", "main", "_pd_added_value")) {
            a.beginRow();
            DuckDbTypes.append(a, c.spec(), value);
            a.endRow();
            a.flush();
        }
        String text;
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT CAST(v AS VARCHAR) FROM " + temp)) {
            rs.next();
            text = rs.getString(1);
        }
        exec("DROP TABLE " + temp);
        return text == null ? "" : " DEFAULT CAST('" + text.replace("'", "''") + "' AS " + c.type() + ")";
    }

    /** Tombstones (key + delete version) and the temp staging table, which follows the table's current columns. */
    private void ensureAux(DuckTable t) throws SQLException {
        String keyCols = t.columns().stream().filter(c -> t.keys().contains(c.name()))
                .map(c -> c.quoted() + " " + c.type()).collect(Collectors.joining(", "));
        exec("CREATE TABLE IF NOT EXISTS " + t.tombstones() + " (" + keyCols + ", \"_peerdb_version\" BIGINT NOT NULL)");
        String cols = t.columns().stream().map(c -> c.quoted() + " " + c.type()).collect(Collectors.joining(", "));
        exec("CREATE OR REPLACE TEMP TABLE " + DuckDbTypes.ident(t.stageName()) + " (" + cols
                + ", \"_pd_deleted\" BOOLEAN, \"_pd_version\" BIGINT)");
    }

    private void verify(String name, List<String> keys, Map<String, String> existing) {
        List<String> problems = LayoutCheck.missingColumns(keys, META, existing);
        if (!problems.isEmpty()) {
            throw PipeDeckException.permanent("DuckDB table " + name + " already exists and is not compatible: "
                    + String.join("; ", problems) + ". PipeDeck does not drop tables: rename or drop it yourself.");
        }
    }

    /** name → type of a main-schema table's columns; empty when it does not exist. */
    Map<String, String> columns(String table) throws SQLException {
        Map<String, String> result = new LinkedHashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_schema = 'main' AND table_catalog = current_database() AND table_name = ? "
                + "ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return result;
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }
}
