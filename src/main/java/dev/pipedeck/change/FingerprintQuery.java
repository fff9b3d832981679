package dev.pipedeck.change;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * What the source and each destination share when they read rows to compare (pipe verify): the SELECT of the
 * columns in one order, the key-range filter, and the canonical fingerprint of each row. Each side says how it
 * quotes a name and how it turns a column into text ({@code hex(...)} for bytea, a cast...).
 */
public final class FingerprintQuery {
    private final List<TypeFamily> families = new ArrayList<>();
    private final String columnsSql;
    private final int keyCount;
    private final UnaryOperator<String> quote;

    /**
     * @param asText the SQL that reads column {@code name} (already quoted) of family {@code f} as text
     */
    public FingerprintQuery(TableSchema schema, List<String> columns, int keyCount, UnaryOperator<String> quote,
                            BiFunction<TypeFamily, String, String> asText) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = schema.columns().get(schema.indexOf(columns.get(i)));
            families.add(c.family());
            sql.append(i == 0 ? "" : ", ").append(asText.apply(c.family(), quote.apply(c.name())));
        }
        this.columnsSql = sql.toString();
        this.keyCount = keyCount;
        this.quote = quote;
    }

    /** {@code SELECT cols FROM from WHERE where [AND key > after] [AND key <= upto]}. */
    public String sql(String from, String where, String rangeKey, Long afterExcl, Long uptoIncl) {
        StringBuilder sql = new StringBuilder("SELECT ").append(columnsSql).append(" FROM ").append(from)
                .append(" WHERE ").append(where);
        if (rangeKey != null && afterExcl != null) {
            sql.append(" AND ").append(quote.apply(rangeKey)).append(" > ").append(afterExcl);
        }
        if (rangeKey != null && uptoIncl != null) {
            sql.append(" AND ").append(quote.apply(rangeKey)).append(" <= ").append(uptoIncl);
        }
        return sql.toString();
    }

    /** Adds the result set's current row (its columns in this query's order) as canonical key → fingerprint. */
    public void add(Map<String, String> out, ResultSet rs) throws SQLException {
        String[] raw = new String[families.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = rs.getString(i + 1);
        }
        add(out, i -> raw[i]);
    }

    /** Adds one row (column {@code i}'s text, null for NULL, from {@code raw}) as canonical key → fingerprint. */
    public void add(Map<String, String> out, IntFunction<String> raw) {
        List<String> canonical = new ArrayList<>(families.size());
        for (int i = 0; i < families.size(); i++) {
            canonical.add(CanonicalText.of(families.get(i), raw.apply(i)));
        }
        out.put(String.join(",", canonical.subList(0, keyCount)), CanonicalText.fingerprint(canonical));
    }
}
