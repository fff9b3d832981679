package dev.pipedeck.source.pg;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
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
final class StreamCatalog implements PgOutputDecoder.SchemaResolver, PgOutputDecoder.ToastLookup, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamCatalog.class);

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
            // what a destination should key on; otherwise (the table changed since) trust the flags.
            List<String> catalogKeys = current == null ? List.of()
                    : current.keyColumns().stream().map(ColumnSpec::name).toList();
            List<String> names = r.columns().stream().map(PgOutputMessages.RelColumn::name).toList();
            java.util.Set<String> flaggedNames = r.columns().stream().filter(PgOutputMessages.RelColumn::key)
                    .map(PgOutputMessages.RelColumn::name).collect(Collectors.toSet());
            boolean useCatalogKeys = !catalogKeys.isEmpty() && names.containsAll(catalogKeys)
                    && (r.replicaIdentity() == 'f' || flaggedNames.equals(new java.util.HashSet<>(catalogKeys)));
            List<ColumnSpec> cols = new ArrayList<>();
            int flagged = 0;
            for (PgOutputMessages.RelColumn rc : r.columns()) {
                TypeResolver.ColumnType t = types.resolve(c, rc.typeOid(), rc.typmod());
                ColumnSpec known = byName.get(rc.name());
                int keyPos = useCatalogKeys ? (known == null ? 0 : known.keyPosition()) : (rc.key() ? ++flagged : 0);
                cols.add(new ColumnSpec(rc.name(), t.family(), t.elementFamily(), t.typeName(), t.baseOid(),
                        t.precision(), t.scale(), known == null || known.nullable(), keyPos));
            }
            return new TableSchema(table, cols);
        } catch (SQLException e) {
            closeQuietly();
            throw PgErrors.map(e, "resolving the columns of " + table, connections.config());
        }
    }

    @Override
    public String[] lookup(TableSchema schema, String[] keyTexts, List<ColumnSpec> columns) {
        List<ColumnSpec> keys = schema.keyColumns();
        if (keys.isEmpty()) {
            LOG.warn("{} has no key: cannot read its unchanged TOAST values; set REPLICA IDENTITY FULL", schema.table());
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
