package dev.pipedeck.source.pg;

import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the facts {@link ValidationRules} judges. A failed login or unreachable server is itself a problem. */
final class SourceValidator {
    private static final String SERVER_SQL = """
            SELECT current_user, current_database(), current_setting('server_version_num')::int,
                   current_setting('wal_level'), r.rolsuper, r.rolreplication,
                   EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = 'rds_replication'
                           AND pg_has_role(current_user, g.oid, 'member')),
                   has_database_privilege(current_database(), 'CREATE'),
                   current_setting('max_replication_slots')::int, (SELECT count(*) FROM pg_replication_slots),
                   current_setting('max_wal_senders')::int,
                   (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'walsender')
            FROM pg_roles r WHERE r.rolname = current_user""";

    private static final String TABLE_SQL = """
            SELECT c.oid, has_table_privilege(c.oid, 'SELECT'), pg_has_role(c.relowner, 'USAGE'),
                   pg_get_userbyid(c.relowner),
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid
                           AND (i.indisprimary OR c.relreplident = 'i' AND i.indisreplident)),
                   c.relreplident = 'f',
                   c.relreplident = 'n' OR c.relreplident = 'i' AND NOT EXISTS (SELECT 1 FROM pg_index i
                           WHERE i.indrelid = c.oid AND i.indisreplident)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')""";

    private static final String PSEUDO_COLUMNS_SQL = """
            SELECT a.attname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = ?::oid AND a.attnum > 0 AND NOT a.attisdropped AND t.typtype = 'p'""";

    private final PgConnections connections;

    SourceValidator(PgConnections connections) {
        this.connections = connections;
    }

    List<SourceProblem> validate(List<TableRef> tables) {
        Connection c;
        try {
            c = connections.open("validating the source");
        } catch (PipeDeckException e) {
            return List.of(connectionProblem(e));
        }
        try (c) {
            ValidationRules.ServerFacts server = serverFacts(c);
            List<SourceProblem> out = new ArrayList<>(ValidationRules.checkServer(server));
            for (TableRef t : tables) {
                out.addAll(ValidationRules.checkTable(server.user(), tableFacts(c, t)));
            }
            return out;
        } catch (SQLException e) {
            return List.of(new SourceProblem(PgErrors.map(e, "validating the source", connections.config())
                    .getMessage(), null));
        }
    }

    private SourceProblem connectionProblem(PipeDeckException e) {
        String state = e.getCause() instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "";
        String user = connections.config().user();
        if (state.startsWith("28")) {
            return new SourceProblem("Postgres rejected the login of user \"" + user + "\": wrong user name or "
                    + "password, or pg_hba.conf does not allow this connection.",
                    "Check the user name and password; if they are right, allow the connection in pg_hba.conf.");
        }
        if (state.startsWith("08") || state.isEmpty()) {
            return new SourceProblem("Cannot reach the source database at " + connections.config().jdbcUrl() + ".",
                    "Check the host name and port, firewalls and security groups, and that Postgres is running "
                            + "and listens on that address.");
        }
        return new SourceProblem(e.getMessage(), null);
    }

    private static ValidationRules.ServerFacts serverFacts(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SERVER_SQL); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new ValidationRules.ServerFacts(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                    rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getInt(9), rs.getInt(10),
                    rs.getInt(11), rs.getInt(12));
        }
    }

    private static ValidationRules.TableFacts tableFacts(Connection c, TableRef t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TABLE_SQL)) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new ValidationRules.TableFacts(t, false, false, false, null, false, false, List.of());
                }
                long oid = rs.getLong(1);
                List<String> pseudo = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(PSEUDO_COLUMNS_SQL)) {
                    p.setLong(1, oid);
                    try (ResultSet r2 = p.executeQuery()) {
                        while (r2.next()) {
                            pseudo.add(r2.getString(1));
                        }
                    }
                }
                return new ValidationRules.TableFacts(t, true, rs.getBoolean(2), rs.getBoolean(3), rs.getString(4),
                        rs.getBoolean(5), rs.getBoolean(6), pseudo, rs.getBoolean(7));
            }
        }
    }
}
