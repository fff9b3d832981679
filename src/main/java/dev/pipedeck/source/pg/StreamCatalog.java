package dev.pipedeck.source.pg;

import dev.pipedeck.catalog.Json;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stream's side channel to the source: resolves Relation messages to schemas and reads unchanged TOAST values.
 * One normal connection in text mode, opened on first need and reopened after a failure.
 */
final class StreamCatalog implements PgOutputDecoder.SchemaResolver, PgOutputDecoder.ToastLookup,
        PgOutputDecoder.GeneratedValues, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamCatalog.class);

    /** Stored generated columns: their expression and type, to compute them from a row's other columns. */
    private static final String GENERATED_SQL = """
            SELECT a.attname, pg_get_expr(d.adbin, d.adrelid), format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = 's'
            ORDER BY a.attnum""";

    /**
     * Columns whose default calls a volatile function (random(), clock_timestamp(), nextval() ...) and that have no
     * attmissingval: ADD COLUMN with such a default rewrote the table, giving each existing row its own value, and
     * logical decoding sends none of them. Columns with a default but no attmissingval are listed with whether their
     * default is volatile: when one is, the rewrite also filled the others added with it.
     */
    private static final String VOLATILE_DEFAULTS_SQL = """
            SELECT a.attname,
                   EXISTS (SELECT 1 FROM regexp_matches(d.adbin::text, ':(?:funcid|opfuncid) (\\d+)', 'g') m
                           JOIN pg_proc p ON p.oid = m[1]::oid WHERE p.provolatile = 'v')
            FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
              AND NOT a.atthasmissing AND a.attname = ANY (?)
            ORDER BY a.attnum""";

    private record Generated(String expression, String type) {}

    private final Map<TableRef, Map<String, Generated>> generated = new HashMap<>();

    private final PgConnections connections;
    private final TypeResolver types = new TypeResolver();
    private final CatalogReader catalog = new CatalogReader(types);
    private Connection conn;

    StreamCatalog(PgConnections connections) {
        this.connections = connections;
    }

    Connection connection() {
        try {
            if (conn == null || conn.isClosed()) {
                conn = connections.openTextMode("reading the source catalog");
            }
            return conn;
        } catch (SQLException e) {
            throw PgErrors.map(e, "reading the source catalog", connections.config());
        }
    }

    @Override
    public TableSchema resolve(PgOutputMessages.Relation r) {
        TableRef table = new TableRef(r.namespace(), r.name());
        try {
            Connection c = connection();
            TableSchema current = catalog.readSchemaOrNull(c, table);
            Map<String, ColumnSpec> byName = new HashMap<>();
            if (current != null) {
                current.columns().forEach(col -> byName.put(col.name(), col));
            }
            // The message flags the replica identity columns. Use the catalog's key (and its order) when it is the
            // same set, or under REPLICA IDENTITY FULL, where every column is flagged but the primary key (if any) is
            // what a destination should key on; otherwise (the table changed since) trust the flags. FULL without a
            // primary key is no key at all (the catalog says so too): such tables are refused before they get here.
            List<String> catalogKeys = current == null ? List.of()
                    : current.keyColumns().stream().map(ColumnSpec::name).toList();
            List<String> names = r.columns().stream().map(PgOutputMessages.RelColumn::name).toList();
            java.util.Set<String> flaggedNames = r.columns().stream().filter(PgOutputMessages.RelColumn::key)
                    .map(PgOutputMessages.RelColumn::name).collect(Collectors.toSet());
            boolean useCatalogKeys = r.replicaIdentity() == 'f' || !catalogKeys.isEmpty() && names.containsAll(catalogKeys)
                    && flaggedNames.equals(new java.util.HashSet<>(catalogKeys));
            List<ColumnSpec> cols = new ArrayList<>();
            int flagged = 0;
            for (PgOutputMessages.RelColumn rc : r.columns()) {
                TypeResolver.ColumnType t = types.resolve(c, rc.typeOid(), rc.typmod());
                ColumnSpec known = byName.get(rc.name());
                int keyPos = useCatalogKeys ? (known == null ? 0 : known.keyPosition()) : (rc.key() ? ++flagged : 0);
                ColumnSpec spec = new ColumnSpec(rc.name(), t.family(), t.elementFamily(), t.typeName(), t.baseOid(),
                        t.precision(), t.scale(), known == null || known.nullable(), keyPos);
                boolean sameType = known != null && known.family() == spec.family() && known.typeOid() == spec.typeOid();
                cols.add(sameType ? new ColumnSpec(spec.name(), spec.family(), spec.elementFamily(), spec.typeName(),
                        spec.typeOid(), spec.precision(), spec.scale(), spec.nullable(), keyPos,
                        known.arrayDimensions(), known.existingRowsValue()) : spec);
            }
            // Before Postgres 18 (or without publish_generated_columns) pgoutput leaves stored generated columns out
            // of the Relation and its tuples: keep them in the schema, the decoder computes their values.
            Map<String, Generated> gen = generatedColumns(c, table);
            generated.put(table, gen);
            for (String name : gen.keySet()) {
                ColumnSpec known = byName.get(name);
                if (known != null && !names.contains(name)) {
                    cols.add(new ColumnSpec(known.name(), known.family(), known.elementFamily(), known.typeName(),
                            known.typeOid(), known.precision(), known.scale(), known.nullable(), 0,
                            known.arrayDimensions(), null));
                }
            }
            return new TableSchema(table, cols);
        } catch (SQLException e) {
            closeQuietly();
            throw PgErrors.map(e, "resolving the columns of " + table, connections.config());
        }
    }

    private static Map<String, Generated> generatedColumns(Connection c, TableRef table) throws SQLException {
        Map<String, Generated> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(GENERATED_SQL)) {
            ps.setString(1, table.quoted());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Generated(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /**
     * Evaluates the generation expressions over the rows themselves (one query for all rows): the expressions are
     * immutable, so this is exactly what Postgres stored for that version of the row, however the row changed since.
     * The rows go in as one JSON array turned into the table's row type, so every column has its own type.
     */
    @Override
    public List<String[]> compute(TableSchema schema, int[] generatedIdx, List<String[]> rows) {
        Map<String, Generated> gen = generated.getOrDefault(schema.table(), Map.of());
        List<ColumnSpec> cols = schema.columns();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int g = 0; g < generatedIdx.length; g++) {
            String name = cols.get(generatedIdx[g]).name();
            Generated expr = gen.get(name);
            if (expr == null) {
                throw PipeDeckException.permanent("Column " + name + " of " + schema.table() + " is no longer a "
                        + "generated column in the source, but the stream's rows lack it; resync the table.");
            }
            sql.append(g == 0 ? "" : ", ").append("CAST((").append(expr.expression()).append(") AS ")
                    .append(expr.type()).append(")::text");
        }
        sql.append(" FROM jsonb_populate_recordset(NULL::").append(schema.table().quoted())
                .append(", ?::jsonb) WITH ORDINALITY AS r ORDER BY r.ordinality");
        StringBuilder json = new StringBuilder(rows.size() * 64).append('[');
        java.util.Set<Integer> skip = new java.util.HashSet<>();
        for (int g : generatedIdx) {
            skip.add(g);
        }
        for (int r = 0; r < rows.size(); r++) {
            json.append(r == 0 ? "{" : ",{");
            String[] texts = rows.get(r);
            boolean first = true;
            for (int i = 0; i < cols.size(); i++) {
                if (skip.contains(i)) {
                    continue;
                }
                json.append(first ? "" : ",");
                first = false;
                json.append(Json.write(cols.get(i).name())).append(':');
                TypeFamily f = cols.get(i).family();
                if (texts[i] == null) {
                    json.append("null");
                } else if (f == TypeFamily.JSON || f == TypeFamily.JSONB) {
                    json.append(texts[i]); // already JSON: populate_record takes it as the value itself
                } else {
                    json.append(Json.write(texts[i])); // a string goes through the column type's input function
                }
            }
            json.append('}');
        }
        json.append(']');
        try (PreparedStatement ps = connection().prepareStatement(sql.toString())) {
            ps.setString(1, json.toString());
            List<String[]> out = new ArrayList<>(rows.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] v = new String[generatedIdx.length];
                    for (int g = 0; g < v.length; g++) {
                        v[g] = rs.getString(g + 1);
                    }
                    out.add(v);
                }
            }
            return out;
        } catch (SQLException e) {
            closeQuietly();
            throw PgErrors.map(e, "computing the generated columns of " + schema.table(), connections.config());
        }
    }

    /**
     * A sentence for the pipe's status when columns were added whose default Postgres computed per existing row (a
     * volatile default): those rows' values reach no destination; null when there are none.
     */
    @Override
    public String addedColumnsNotice(TableRef table, List<String> added) {
        if (added.isEmpty()) {
            return null;
        }
        List<String> volatileCols = new ArrayList<>();
        boolean anyVolatile = false;
        try (PreparedStatement ps = connection().prepareStatement(VOLATILE_DEFAULTS_SQL)) {
            ps.setString(1, table.quoted());
            ps.setArray(2, connection().createArrayOf("text", added.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    volatileCols.add(rs.getString(1));
                    anyVolatile |= rs.getBoolean(2);
                }
            }
        } catch (SQLException e) {
            closeQuietly();
            throw PgErrors.map(e, "reading the defaults of " + table, connections.config());
        }
        if (!anyVolatile) {
            return null;
        }
        boolean many = volatileCols.size() > 1;
        return (many ? "Columns " : "Column ") + String.join(", ", volatileCols) + " of " + table + (many ? " were" : " was")
                + " added with a volatile default (such as random(), clock_timestamp() or a sequence): Postgres gave "
                + "each existing row its own value without sending it, so rows that existed before show NULL there "
                + "in the destination until they change. Resync the table if they must match.";
    }

    @Override
    public String[] lookup(TableSchema schema, String[] keyTexts, List<ColumnSpec> columns) {
        List<ColumnSpec> keys = schema.keyColumns();
        if (keys.isEmpty()) {
            LOG.warn("{} has no key, so its unchanged TOAST values cannot be read; add a primary key", schema.table());
            return null;
        }
        String sql = "SELECT " + columns.stream().map(col -> TableRef.quoteIdent(col.name()))
                .collect(Collectors.joining(", ")) + " FROM " + schema.table().quoted() + " WHERE "
                + keys.stream().map(k -> TableRef.quoteIdent(k.name()) + " = ?").collect(Collectors.joining(" AND "));
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            for (int k = 0; k < keyTexts.length; k++) {
                ps.setString(k + 1, keyTexts[k]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String[] out = new String[columns.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = rs.getString(i + 1);
                }
                return out;
            }
        } catch (SQLException e) {
            closeQuietly();
            throw PgErrors.map(e, "reading unchanged TOAST values of " + schema.table(), connections.config());
        }
    }

    private void closeQuietly() {
        PgConnections.closeQuietly(conn);
        conn = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
