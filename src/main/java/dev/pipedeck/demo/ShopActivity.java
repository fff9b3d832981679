package dev.pipedeck.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The things that happen in the demo shop, one operation at a time on one connection (the caller commits): new
 * orders with items, status changes, price and loyalty updates, the odd large note, deleted orders.
 */
final class ShopActivity {
    /** Rows one operation wrote. */
    record Written(int inserts, int updates, int deletes) {
        int rows() {
            return inserts + updates + deletes;
        }
    }

    /** One value of {@code p} per kind of operation in {@link #step(double)}. */
    static final double[] EACH_KIND = {0.1, 0.4, 0.6, 0.69, 0.75, 0.8, 0.9, 0.97};

    private final Connection conn;
    private long maxCustomerId;

    ShopActivity(Connection conn) throws SQLException {
        this.conn = conn;
        this.maxCustomerId = scalar("SELECT coalesce(max(id), 0) FROM customers");
    }

    /** The operation chosen by {@code p} in [0, 1): the thresholds are the mix. */
    Written step(double p) throws SQLException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (p < 0.35 || maxCustomerId == 0) {
            return newOrder(r);
        } else if (p < 0.58) {
            return updated(exec("UPDATE orders SET status = CASE status WHEN 'new' THEN 'paid' WHEN 'paid' THEN 'shipped' "
                    + "WHEN 'shipped' THEN 'delivered' ELSE status END WHERE id = ?", randomOrderId(r)));
        } else if (p < 0.68) {
            return updated(exec("UPDATE orders SET amount = round(amount * (0.9 + random() * 0.2)::numeric, 2), "
                    + "attributes = jsonb_set(coalesce(attributes, '{}'), '{edited}', 'true') WHERE id = ?", randomOrderId(r)));
        } else if (p < 0.70) {
            // a large note: TOASTed, and later updates that leave it alone send it as "unchanged"
            return updated(exec("UPDATE orders SET note = (SELECT string_agg(md5(random()::text), ' ') "
                    + "FROM generate_series(1, 300)) WHERE id = ?", randomOrderId(r)));
        } else if (p < 0.78) {
            int n = exec("INSERT INTO customers (name, email, country, loyalty) VALUES ('New customer', "
                    + "'new' || floor(random() * 1e9)::bigint || '@example.com', 'DE', 0)");
            maxCustomerId = scalar("SELECT max(id) FROM customers");
            return new Written(n, 0, 0);
        } else if (p < 0.86) {
            return updated(exec("UPDATE customers SET loyalty = loyalty + 1.5 WHERE id = ?", 1 + r.nextLong(maxCustomerId)));
        } else if (p < 0.94) {
            return updated(exec("UPDATE order_items SET qty = qty + 1 WHERE order_id = ? AND line_no = 1", randomOrderId(r)));
        } else {
            long id = randomOrderId(r);
            int items = exec("DELETE FROM order_items WHERE order_id = ?", id);
            return new Written(0, 0, items + exec("DELETE FROM orders WHERE id = ?", id));
        }
    }

    private Written newOrder(ThreadLocalRandom r) throws SQLException {
        if (maxCustomerId == 0) {
            exec("INSERT INTO customers (name, email, country) VALUES ('First customer', 'first@example.com', 'DE')");
            maxCustomerId = scalar("SELECT max(id) FROM customers");
        }
        long orderId;
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO orders (customer_id, amount, status, note, attributes) "
                + "VALUES (?, ?, 'new', ?, jsonb_build_object('channel', ?::text, 'gift', ?)) RETURNING id")) {
            ps.setLong(1, 1 + r.nextLong(maxCustomerId));
            ps.setBigDecimal(2, BigDecimal.valueOf(500 + r.nextInt(50_000), 2));
            ps.setString(3, r.nextInt(4) == 0 ? "ring twice" : null);
            ps.setString(4, new String[] {"web", "app", "store"}[r.nextInt(3)]);
            ps.setBoolean(5, r.nextInt(7) == 0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                orderId = rs.getLong(1);
            }
        }
        int lines = 1 + r.nextInt(3);
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO order_items (order_id, line_no, sku, qty, price) VALUES (?,?,?,?,?)")) {
            for (int l = 1; l <= lines; l++) {
                ps.setLong(1, orderId);
                ps.setInt(2, l);
                ps.setString(3, String.format("SKU-%04d", r.nextInt(500)));
                ps.setInt(4, 1 + r.nextInt(5));
                ps.setBigDecimal(5, BigDecimal.valueOf(100 + r.nextInt(9_900), 2));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new Written(1 + lines, 0, 0);
    }

    /** An existing order id, or 0 when none exists (statements then touch no row). */
    private long randomOrderId(ThreadLocalRandom r) throws SQLException {
        long max = scalar("SELECT coalesce(max(id), 0) FROM orders");
        if (max == 0) {
            return 0;
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM orders WHERE id >= ? ORDER BY id LIMIT 1")) {
            ps.setLong(1, 1 + r.nextLong(max));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static Written updated(int rows) {
        return new Written(0, rows, 0);
    }

    private int exec(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private long scalar(String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
