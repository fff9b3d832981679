package dev.pipedeck.sink.duckdb;

import dev.pipedeck.change.FingerprintQuery;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.RowFingerprints;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DuckDB table (which holds exactly the current rows) as key → fingerprint. DuckDB lets one process write a file:
 * while a worker in another process streams into it, it cannot be opened, and the message says to pause the pipe.
 */
public final class DuckRowFingerprints implements RowFingerprints {
    private final Path path;
    private Connection conn;

    public DuckRowFingerprints(Path path) {
        this.path = path.toAbsolutePath();
    }

    private Connection connection() {
        if (conn == null) {
            try {
                conn = DriverManager.getConnection("jdbc:duckdb:" + path);
                try (Statement s = conn.createStatement()) {
                    s.execute("SET TimeZone = 'UTC'");
                }
            } catch (SQLException e) {
                close();
                throw PipeDeckException.permanent("could not open the DuckDB file " + path + " to verify it: "
                        + firstLine(e.getMessage())
                        + " — a worker that streams into it holds it: pause the pipe, then verify", e);
            }
        }
        return conn;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    @Override
    public Map<String, String> read(String table, TableSchema schema, List<String> columns, int keyCount, String rangeKey,
                                    Long afterExcl, Long uptoIncl) {
        FingerprintQuery q = new FingerprintQuery(schema, columns, keyCount, DuckRowFingerprints::ident,
                (family, id) -> family == TypeFamily.BYTEA ? "hex(" + id + ")" : "CAST(" + id + " AS VARCHAR)");
        String sql = q.sql(ident(table), "true", rangeKey, afterExcl, uptoIncl);
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                q.add(out, rs);
            }
        } catch (SQLException e) {
            throw PipeDeckException.permanent("could not read DuckDB table " + table + " in " + path + ": "
                    + firstLine(e.getMessage()), e);
        }
        return out;
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // closing a read-only connection: nothing to save
            }
            conn = null;
        }
    }
}
