package dev.pipedeck.engine;

import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.change.TableRef;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A second table of the {@code orders} shape, {@code extra.orders} (destination {@code extra_orders}), next to
 * {@code public.orders}: the same {@link OrdersWorkload} and {@link OrdersTable} helpers run on it through a
 * connection whose search_path is {@code extra}.
 */
final class TableEditsFixture {
    static final TableRef EXTRA = new TableRef("extra", "orders");
    static final String EXTRA_MAPPING = "extra.orders:extra_orders";

    private TableEditsFixture() {}

    static void createExtra(EngineFixture f, int seedRows) throws Exception {
        f.sql("CREATE SCHEMA extra", "SET search_path = extra", OrdersTable.DDL);
        try (Connection c = extra(f).call()) {
            OrdersTable.insert(c, 0, seedRows);
        }
    }

    /** Connections to the source on which {@code orders} is {@code extra.orders}. */
    static Callable<Connection> extra(EngineFixture f) {
        return () -> {
            Connection c = f.source();
            try (Statement st = c.createStatement()) {
                st.execute("SET search_path = extra");
            }
            return c;
        };
    }

    static Map<Long, String> sourceRows(EngineFixture f, String table) throws SQLException {
        try (Connection c = f.source()) {
            return OrdersTable.sourceRows(c, table);
        }
    }

    static List<AuditEvent> trail(EngineFixture f, String pipe) {
        return f.control.repository().audit(pipe, 200);
    }

    static long catalogLong(EngineFixture f, String sql, long pipeId) throws SQLException {
        try (Connection c = f.catalog.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, pipeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
