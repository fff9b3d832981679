package dev.pipedeck.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code orders} shape used by engine tests, and a row fingerprint (key → hash of all columns) that reads the
 * same from the source, a DuckDB file and ClickHouse, so that "zero lost, zero extra, zero different" is checked row by row.
 */
final class OrdersTable {
    /** With a stored generated column ({@code total}), which pgoutput before Postgres 18 does not send. */
    static final String DDL = "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, amount numeric(12,2), "
            + "status text, note text, created_at timestamptz NOT NULL DEFAULT now(), "
            + "total numeric(14,2) GENERATED ALWAYS AS (amount * 3) STORED)";

    /**
     * A column added mid-stream with a default: rows older than it read 5 in the source without any change event.
     * The fingerprints include it once it exists (null on every side before).
     */
    static final String ADD_DEFAULTED = "ALTER TABLE orders ADD COLUMN IF NOT EXISTS priority int DEFAULT 5";

    private OrdersTable() {}

    static Map<Long, String> sourceRows(Connection c, String table) throws SQLException {
        Map<Long, String> out = new TreeMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, customer_id, amount, status, note, created_at, total, "
                     + "to_jsonb(o) ->> 'priority' FROM " + table + " o")) {
            while (rs.next()) {
                OffsetDateTime t = rs.getObject(6, OffsetDateTime.class);
                out.put(rs.getLong(1), fingerprint(rs.getInt(2), rs.getBigDecimal(3), rs.getString(4), rs.getString(5),
                        t.toInstant()) + derived(rs.getBigDecimal(7), rs.getString(8)));
            }
        }
        return out;
    }

    static Map<Long, String> duckRows(String file, String table) throws SQLException {
        Map<Long, String> out = new TreeMap<>();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement st = c.createStatement();
             ResultSet cols = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = '"
                     + table + "' AND column_name = 'priority'")) {
            cols.next();
            String priority = cols.getLong(1) > 0 ? "CAST(priority AS VARCHAR)" : "NULL";
            try (ResultSet rs = st.executeQuery("SELECT id, customer_id, amount, status, note, "
                     + "epoch_us(created_at), total, " + priority + " FROM \"" + table + "\"")) {
                while (rs.next()) {
                    out.put(rs.getLong(1), fingerprint(rs.getInt(2), rs.getBigDecimal(3), rs.getString(4), rs.getString(5),
                            Instant.EPOCH.plusNanos(rs.getLong(6) * 1000)) + derived(rs.getBigDecimal(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    private static final DateTimeFormatter CH_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd().optionalStart().appendOffset("+HH:MM", "Z").optionalEnd().toFormatter();

    /** Rows of the deduplicated view in ClickHouse ({@code FINAL WHERE _peerdb_is_deleted = 0}), read as text. */
    static Map<Long, String> clickHouseRows(java.util.function.Function<String, String> query, String db, String table) {
        boolean hasPriority = !query.apply("SELECT name FROM system.columns WHERE database = '" + db + "' AND table = '"
                + table + "' AND name = 'priority' FORMAT TabSeparated").isBlank();
        String tsv = query.apply("SELECT id, customer_id, toString(amount), status, note, toString(created_at), "
                + "toString(total), " + (hasPriority ? "toString(priority)" : "NULL") + " FROM "
                + db + "." + table + " FINAL WHERE _peerdb_is_deleted = 0 FORMAT TabSeparated");
        Map<Long, String> out = new HashMap<>();
        for (String line : tsv.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            BigDecimal amount = f[2].equals("\\N") ? null : new BigDecimal(f[2]);
            String ts = f[5];
            java.time.temporal.TemporalAccessor parsed = CH_TIME.parse(ts);
            Instant at = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? OffsetDateTime.from(parsed).toInstant()
                    : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
            BigDecimal total = f[6].equals("\\N") ? null : new BigDecimal(f[6]);
            out.put(Long.parseLong(f[0]), fingerprint(Integer.parseInt(f[1]), amount, unescape(f[3]), unescape(f[4]), at)
                    + derived(total, unescape(f[7])));
        }
        return new TreeMap<>(out);
    }

    private static String unescape(String tsv) {
        return tsv.equals("\\N") ? null : dev.pipedeck.sink.clickhouse.TsvText.unescape(tsv);
    }

    static String fingerprint(int customer, BigDecimal amount, String status, String note, Instant created) {
        String a = amount == null ? "null" : amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        String n = note == null ? "null" : sha(note);
        return customer + "|" + a + "|" + status + "|" + n + "|" + (created.getEpochSecond() * 1_000_000 + created.getNano() / 1000);
    }

    /** The generated and the defaulted column, so that the verifier compares them too. */
    static String derived(BigDecimal total, String priority) {
        return "|" + (total == null ? "null" : total.setScale(2, RoundingMode.UNNECESSARY).toPlainString()) + "|" + priority;
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts {@code n} rows with ids from {@code firstId} in one transaction. */
    static void insert(Connection c, long firstId, int n) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, customer_id, amount, status, note, created_at) "
                + "VALUES (?,?,?,?,?,?)")) {
            for (int i = 0; i < n; i++) {
                long id = firstId + i;
                ps.setLong(1, id);
                ps.setInt(2, (int) (id % 1000));
                ps.setBigDecimal(3, BigDecimal.valueOf(id * 7 % 100000, 2));
                ps.setString(4, "new");
                ps.setString(5, id % 10 == 0 ? "note with\ttab and\nnewline " + id : "n" + id);
                ps.setTimestamp(6, Timestamp.from(Instant.parse("2026-01-01T00:00:00Z").plusNanos(id * 1_000_123L)));
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
