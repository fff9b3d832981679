package dev.pipedeck.catalog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The repositories' one way to run a statement: pooled connection, try-with-resources, SQLException wrapped once. */
final class Jdbc {
    interface Binder {
        Binder NONE = ps -> { };

        void bind(PreparedStatement ps) throws SQLException;
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** The statements of one transaction; what it returns is the transaction's result. */
    interface Transaction<T> {
        T run(Connection c) throws SQLException;
    }

    /** A pipe's row, locked for the rest of the transaction: its name and status. */
    record LockedPipe(String name, String status) {}

    private Jdbc() {}

    /**
     * Runs {@code body} in one transaction: committed when it returns, rolled back when it throws (a body that finds
     * nothing to do just returns: committing no change is harmless).
     */
    static <T> T transaction(DataSource ds, String doing, Transaction<T> body) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = body.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw CatalogException.wrap(doing, e);
        }
    }

    /** Locks the pipe's row ({@code FOR UPDATE}); null when it is gone. */
    static LockedPipe lockPipe(Connection c, long pipeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, status FROM pipe WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, pipeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new LockedPipe(rs.getString(1), rs.getString(2)) : null;
            }
        }
    }

    static <T> List<T> list(DataSource ds, String doing, String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw CatalogException.wrap(doing, e);
        }
    }

    static int update(DataSource ds, String doing, String sql, Binder binder) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw CatalogException.wrap(doing, e);
        }
    }
}
