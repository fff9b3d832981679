package dev.pipedeck.sink.duckdb;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.ValueText;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a DuckDB table back over JDBC as the Java values {@link TypeFamily} promises, keyed by id. */
final class DuckReader {
    private static final Set<TypeFamily> AS_TEXT = EnumSet.of(TypeFamily.DATE, TypeFamily.TIME, TypeFamily.TIMETZ,
            TypeFamily.TIMESTAMP, TypeFamily.TIMESTAMPTZ, TypeFamily.NUMERIC);

    private DuckReader() {}

    static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
        return c;
    }

    static Map<Long, Object[]> rows(Path file, String table, TableSchema schema) throws SQLException {
        String cols = schema.columns().stream().map(c -> AS_TEXT.contains(c.family())
                ? "CAST(\"" + c.name() + "\" AS VARCHAR)" : "\"" + c.name() + "\"").collect(Collectors.joining(", "));
        Map<Long, Object[]> out = new LinkedHashMap<>();
        try (Connection c = connect(file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + cols + " FROM \"" + table + "\" ORDER BY id")) {
            while (rs.next()) {
                Object[] values = new Object[schema.columns().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(schema.columns().get(i), rs, i + 1);
                }
                out.put((Long) values[schema.indexOf("id")], values);
            }
        }
        return out;
    }

    private static Object value(ColumnSpec c, ResultSet rs, int i) throws SQLException {
        if (AS_TEXT.contains(c.family())) {
            return ValueText.parse(c.family(), rs.getString(i));
        }
        if (c.family() == TypeFamily.BYTEA) {
            return rs.getBytes(i);
        }
        if (c.family() == TypeFamily.ARRAY) {
            Array a = rs.getArray(i);
            if (a == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (Object e : (Object[]) a.getArray()) {
                out.add(e instanceof java.time.OffsetDateTime odt ? odt.toInstant()
                        : e instanceof String str && c.elementFamily() == TypeFamily.NUMERIC
                        ? ValueText.parse(TypeFamily.NUMERIC, str) : e);
            }
            return out;
        }
        return rs.getObject(i);
    }

    static String query(Path file, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = connect(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> f = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    f.add(String.valueOf(rs.getObject(i)));
                }
                lines.add(String.join("\t", f));
            }
        }
        return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
    }
}
