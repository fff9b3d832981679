package dev.pipedeck.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The orders-shaped table the scenarios write, and server-side bulk inserts (generate_series: no client cost). */
final class OrdersSql {
    private OrdersSql() {}

    static String ddl(String table) {
        return "CREATE TABLE " + table + " (id bigint PRIMARY KEY, customer_id int NOT NULL, amount numeric(12,2), "
                + "status text, note text, created_at timestamptz NOT NULL DEFAULT now())";
    }

    /** Inserts ids {@code first..first+n-1} in one statement (one transaction in autocommit mode). */
    static String insert(String table, long first, long n) {
        return "INSERT INTO " + table + " (id, customer_id, amount, status, note, created_at) SELECT g, g % 5000, "
                + "(g % 100000) / 100.0, (ARRAY['new','paid','shipped','cancelled'])[1 + g % 4], 'order note ' || g, "
                + "timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' FROM generate_series("
                + first + ", " + (first + n - 1) + ") g";
    }

    /** Inserts {@code total} rows from id {@code first} in transactions of {@code perTx} rows. */
    static void insertInTransactions(Connection c, String table, long first, long total, int perTx) throws SQLException {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            for (long done = 0; done < total; done += perTx) {
                st.execute(insert(table, first + done, Math.min(perTx, total - done)));
            }
        }
    }
}
