package dev.pipedeck.source.pg;

import dev.pipedeck.change.CanonicalText;
import dev.pipedeck.change.FingerprintQuery;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source table's current rows as key → fingerprint for {@code pipe verify}, read in ranges of an integer key with
 * plain SELECTs (no lock beyond what any reader takes; each range is one short read-only statement). Values are read
 * as Postgres prints them with TimeZone UTC and made canonical with {@link CanonicalText}.
 */
public final class SourceRowFingerprints implements AutoCloseable {
    private final PgConnections connections;
    private Connection conn;

    public SourceRowFingerprints(SourceConfig config) {
        this.connections = new PgConnections(config);
    }

    private Connection connection() throws SQLException {
        if (conn == null) {
            conn = connections.open("reading source rows to verify them");
            try (Statement s = conn.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                s.execute("SET DateStyle = 'ISO, YMD'");
                s.execute("SET extra_float_digits = 3");
                s.execute("SET default_transaction_read_only = on");
            }
        }
        return conn;
    }

    /** The key {@code n} rows after {@code afterExcl} (in key order), or null when fewer rows are left. */
    public Long boundary(TableRef table, String rangeKey, Long afterExcl, int n) {
        String k = TableRef.quoteIdent(rangeKey);
        String sql = "SELECT " + k + " FROM " + table.quoted() + (afterExcl == null ? "" : " WHERE " + k + " > ?")
                + " ORDER BY " + k + " OFFSET ? LIMIT 1";
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            int i = 1;
            if (afterExcl != null) {
                ps.setLong(i++, afterExcl);
            }
            ps.setInt(i, n - 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, "reading keys of " + table, connections.config());
        }
    }

    /** Rows with {@code afterExcl < rangeKey <= uptoIncl} (null bounds: open), key → fingerprint. */
    public Map<String, String> read(TableRef table, TableSchema schema, List<String> columns, int keyCount, String rangeKey,
                                    Long afterExcl, Long uptoIncl) {
        FingerprintQuery q = new FingerprintQuery(schema, columns, keyCount, TableRef::quoteIdent,
                (family, id) -> switch (family) {
                    case BYTEA -> "encode(" + id + ", 'hex')";
                    // inet's cast to text always adds the netmask (10.0.1.1/32), char(n)'s drops the padding; their
                    // output, which the copy and the stream carry and the destination holds, does neither: compare it
                    case NETWORK, TEXT -> "CASE WHEN " + id + " IS NOT NULL THEN format('%s', " + id + ") END";
                    default -> id + "::text";
                });
        String sql = q.sql(table.quoted(), "true", rangeKey, afterExcl, uptoIncl);
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                q.add(out, rs);
            }
        } catch (SQLException e) {
            throw PgErrors.map(e, "reading rows of " + table + " to verify them", connections.config());
        }
        return out;
    }

    @Override
    public void close() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // a read-only session: nothing to save
            }
            conn = null;
        }
    }
}
