package dev.pipedeck.source.pg;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.source.pg.codec.TypeCodecs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads tables and columns from the system catalogs. Names are always bound as parameters, never spliced. */
final class CatalogReader {
    /**
     * Key position (1-based, 0 = not key), matching what pgoutput sends as the old key of an UPDATE/DELETE: the
     * replica identity index when REPLICA IDENTITY USING INDEX, else the primary key. A table with neither has no key,
     * even under REPLICA IDENTITY FULL: identical rows would be one row in a destination keyed on every column, so
     * such tables are refused (see ValidationRules). Also: the declared array dimensions, and the value rows older
     * than the column have (attmissingval, set by ADD COLUMN with a non-volatile default; one-element array of the
     * column's type, read as text).
     */
    private static final String COLUMNS_SQL = """
            SELECT a.attname, a.atttypid, a.atttypmod, a.attnotnull,
                   CASE WHEN c.relreplident = 'i' AND ri.indkey IS NOT NULL OR pk.indkey IS NOT NULL THEN
                            COALESCE((SELECT k.ord FROM unnest((CASE WHEN c.relreplident = 'i' AND ri.indkey IS NOT NULL
                                                                     THEN ri.indkey ELSE pk.indkey END)::int2[])
                                      WITH ORDINALITY k(att, ord) WHERE k.att = a.attnum), 0)
                        ELSE 0 END AS keypos,
                   a.attndims,
                   CASE WHEN a.atthasmissing THEN (a.attmissingval::text::text[])[1] END AS missing
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_index pk ON pk.indrelid = c.oid AND pk.indisprimary
            LEFT JOIN pg_index ri ON ri.indrelid = c.oid AND ri.indisreplident
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')
            ORDER BY a.attnum""";

    private static final String TABLES_SQL = """
            SELECT n.nspname, c.relname,
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid
                           AND (i.indisprimary OR c.relreplident = 'i' AND i.indisreplident)),
                   c.relreplident = 'f', GREATEST(c.reltuples, 0)::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
            ORDER BY 1, 2""";

    private final TypeResolver types;

    CatalogReader(TypeResolver types) {
        this.types = types;
    }

    /** The table's current schema, or null when it does not exist (or is not visible to the user). */
    TableSchema readSchemaOrNull(Connection c, TableRef table) throws SQLException {
        record Raw(String name, int oid, int typmod, boolean notNull, int keyPos, int dims, String missing) {}
        List<Raw> raws = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS_SQL)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    raws.add(new Raw(rs.getString(1), (int) rs.getLong(2), rs.getInt(3), rs.getBoolean(4), rs.getInt(5),
                            rs.getInt(6), rs.getString(7)));
                }
            }
        }
        if (raws.isEmpty() && !exists(c, table)) {
            return null;
        }
        List<ColumnSpec> cols = new ArrayList<>(raws.size());
        for (Raw r : raws) {
            TypeResolver.ColumnType t = types.resolve(c, r.oid, r.typmod);
            cols.add(withDetails(new ColumnSpec(r.name, t.family(), t.elementFamily(), t.typeName(), t.baseOid(),
                    t.precision(), t.scale(), !r.notNull, r.keyPos), r.dims, r.missing));
        }
        return new TableSchema(table, cols);
    }

    /** The column with its declared array dimensions and the decoded value of rows older than it (text may be null). */
    static ColumnSpec withDetails(ColumnSpec c, int declaredDims, String existingRowsText) {
        int dims = c.family() == TypeFamily.ARRAY ? Math.max(1, declaredDims) : 0;
        Object existing = existingRowsText == null ? null : TypeCodecs.decode(c, existingRowsText);
        return new ColumnSpec(c.name(), c.family(), c.elementFamily(), c.typeName(), c.typeOid(), c.precision(),
                c.scale(), c.nullable(), c.keyPosition(), dims, existing);
    }

    TableSchema readSchema(Connection c, TableRef table) throws SQLException {
        TableSchema s = readSchemaOrNull(c, table);
        if (s == null) {
            throw PipeDeckException.permanent("Table " + table + " does not exist in the source database "
                    + "(or the source user cannot see it).");
        }
        return s;
    }

    static boolean exists(Connection c, TableRef table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    List<PostgresSource.TableInfo> listTables(Connection c) throws SQLException {
        List<PostgresSource.TableInfo> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TABLES_SQL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new PostgresSource.TableInfo(new TableRef(rs.getString(1), rs.getString(2)), rs.getBoolean(3),
                        rs.getBoolean(4), rs.getLong(5)));
            }
        }
        return out;
    }
}
