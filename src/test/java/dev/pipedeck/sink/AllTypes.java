package dev.pipedeck.sink;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static dev.pipedeck.change.TypeFamily.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table with every {@link TypeFamily} and rows of ordinary, NULL and extreme values, for round-trip tests. */
public final class AllTypes {
    private AllTypes() {}

    public static ColumnSpec col(String name, TypeFamily f, String typeName, boolean nullable, int key) {
        return new ColumnSpec(name, f, null, typeName, 0, -1, -1, nullable, key);
    }

    public static ColumnSpec numeric(String name, int p, int s) {
        return new ColumnSpec(name, NUMERIC, null, "numeric(" + p + "," + s + ")", 1700, p, s, true, 0);
    }

    public static ColumnSpec array(String name, TypeFamily element, String typeName) {
        return new ColumnSpec(name, ARRAY, element, typeName, 0, -1, -1, true, 0);
    }

    public static TableSchema schema(String table) {
        return new TableSchema(new TableRef("public", table), List.of(
                col("id", INT8, "bigint", false, 1),
                col("c_bool", BOOL, "boolean", true, 0),
                col("c_int2", INT2, "smallint", true, 0),
                col("c_int4", INT4, "integer", true, 0),
                col("c_int8", INT8, "bigint", true, 0),
                col("c_float4", FLOAT4, "real", true, 0),
                col("c_float8", FLOAT8, "double precision", true, 0),
                col("c_numeric", NUMERIC, "numeric", true, 0),
                numeric("c_decimal", 38, 10),
                col("c_text", TEXT, "text", true, 0),
                col("c_bytea", BYTEA, "bytea", true, 0),
                col("c_uuid", UUID, "uuid", true, 0),
                col("c_date", DATE, "date", true, 0),
                col("c_time", TIME, "time without time zone", true, 0),
                col("c_timetz", TIMETZ, "time with time zone", true, 0),
                col("c_ts", TIMESTAMP, "timestamp without time zone", true, 0),
                col("c_tstz", TIMESTAMPTZ, "timestamp with time zone", true, 0),
                col("c_interval", INTERVAL, "interval", true, 0),
                col("c_json", JSON, "json", true, 0),
                col("c_jsonb", JSONB, "jsonb", true, 0),
                col("c_enum", ENUM, "mood", true, 0),
                col("c_inet", NETWORK, "inet", true, 0),
                col("c_other", OTHER, "point", true, 0),
                array("c_int_arr", INT4, "integer[]"),
                array("c_text_arr", TEXT, "text[]"),
                array("c_float_arr", FLOAT8, "double precision[]"),
                array("c_uuid_arr", UUID, "uuid[]"),
                array("c_tstz_arr", TIMESTAMPTZ, "timestamp with time zone[]"),
                array("c_date_arr", DATE, "date[]"),
                array("c_num_arr", NUMERIC, "numeric[]")));
    }

    public static List<Object[]> rows() {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        String big = "ünïcødé ✓ 𝄞 tab\there\nnewline \\ back 'quote' \"dq\" ".repeat(1700); // > 100 kB
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{1L, true, (short) 12, 34, 56L, 1.5f, 2.25, new BigDecimal("123.456"),
                new BigDecimal("1234567.8900000000"), "hello", new byte[]{1, 2, 3},
                java.util.UUID.fromString("550e8400-e29b-41d4-a716-446655440000"), LocalDate.of(2024, 2, 29),
                LocalTime.of(13, 14, 15, 123_456_000), OffsetTime.of(1, 2, 3, 456_000, ZoneOffset.ofHours(2)),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), Instant.parse("2024-01-02T03:04:05.654321Z"),
                "1 day 02:03:04", "{\"a\": [1, 2]}", "{\"b\": null}", "happy", "192.168.0.1/24", "(1,2)",
                Arrays.asList(1, null, 3), Arrays.asList("a", null, "b'c\t,d]"), Arrays.asList(1.5, null, -0.25),
                Arrays.asList(java.util.UUID.fromString("00000000-0000-0000-0000-000000000001"), null),
                Arrays.asList(Instant.parse("2024-05-06T07:08:09.000010Z"), null), Arrays.asList(LocalDate.of(2020, 1, 1), null),
                Arrays.asList(new BigDecimal("1.50"), null, "NaN")});
        Object[] nulls = new Object[schema("x").columns().size()];
        nulls[0] = 2L;
        rows.add(nulls);
        rows.add(new Object[]{3L, false, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, Float.NaN, Double.NaN,
                "NaN", "NaN", big, allBytes, new java.util.UUID(-1L, -1L), LocalDate.MAX, LocalTime.of(23, 59, 59, 999_999_000),
                OffsetTime.of(23, 59, 59, 999_999_000, ZoneOffset.ofHoursMinutes(-9, -30)), LocalDateTime.MAX,
                Instant.MAX, "-178000000 years", "[]", "{}", "", "::1", "", List.of(), List.of(), List.of(Double.NaN),
                List.of(), List.of(), List.of(), List.of()});
        rows.add(new Object[]{4L, true, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
                Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                new BigDecimal("-12345678901234567890123456789012345678901234567890.123456789012345678901234567890"),
                new BigDecimal("-9999999999999999999999999999.9999999999"), "", new byte[0],
                new java.util.UUID(0, 0), LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT,
                OffsetTime.of(0, 0, 0, 1000, ZoneOffset.UTC), LocalDateTime.MIN, Instant.MIN, "00:00:00.000001",
                "null", "\"x\"", "sad", "08:00:2b:01:02:03", "<(1,2),3>", Arrays.asList((Integer) null),
                List.of("ü", "\\", "NULL"), Arrays.asList(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
                List.of(new java.util.UUID(0, 1)), List.of(Instant.parse("1970-01-01T00:00:00Z")),
                List.of(LocalDate.of(1960, 2, 29)), List.of(new BigDecimal("-12345678901234567890.000001"))});
        rows.add(new Object[]{5L, false, (short) 0, 0, 0L, Float.MIN_VALUE, Double.MAX_VALUE,
                "Infinity", new BigDecimal("0.0000000001"), "a\\tb \\N \\", new byte[]{'\\', '\t', '\n', 0, '\''},
                java.util.UUID.randomUUID(), LocalDate.of(1969, 12, 31), LocalTime.of(0, 0, 0, 1000),
                OffsetTime.of(12, 0, 0, 0, ZoneOffset.ofHours(14)), LocalDateTime.of(1899, 12, 31, 23, 59, 59, 999_999_000),
                Instant.parse("1969-07-20T20:17:40.000001Z"), "-1 days", "{\"k\":\"\\u0000x\"}", "{}", "ok",
                "10.0.0.0/8", "x", List.of(7), List.of(""), List.of(-0.0), List.of(), Arrays.asList((Instant) null),
                Arrays.asList((LocalDate) null), List.of("Infinity")});
        return rows;
    }

    public static RowChange change(ChangeKind kind, TableSchema schema, Object[] values, long lsn) {
        return new RowChange(kind, schema, values, lsn, lsn, Instant.parse("2024-01-01T00:00:00Z"));
    }

    public static List<RowChange> inserts(TableSchema schema, List<Object[]> rows, long firstLsn) {
        List<RowChange> out = new ArrayList<>();
        long lsn = firstLsn;
        for (Object[] r : rows) {
            out.add(change(ChangeKind.INSERT, schema, r, lsn++));
        }
        return out;
    }

    /** Compares one value with the family's equality: NaN equals NaN, BigDecimal by value, byte[] and lists by content. */
    public static void assertValue(String where, TypeFamily f, Object expected, Object actual) {
        if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
            assertEquals(0, e.compareTo(a), where + ": expected " + e + " but was " + a);
        } else if (expected instanceof byte[] e) {
            assertTrue(actual instanceof byte[] a && Arrays.equals(e, a), where + ": bytes differ");
        } else if (expected instanceof List<?> e) {
            assertTrue(actual instanceof List<?>, where + ": expected a list but was " + actual);
            List<?> a = (List<?>) actual;
            assertEquals(e.size(), a.size(), where + ": list size, was " + a);
            for (int i = 0; i < e.size(); i++) {
                assertValue(where + "[" + i + "]", f, e.get(i), a.get(i));
            }
        } else {
            assertTrue(Objects.equals(expected, actual), where + ": expected <" + expected + "> ("
                    + (expected == null ? "" : expected.getClass().getSimpleName()) + ") but was <" + actual + "> ("
                    + (actual == null ? "" : actual.getClass().getSimpleName()) + ")");
        }
    }

    /** A table keyed by (tenant, id) — key order differs from column order — and a batch that exercises it. */
    public static TableSchema compositeKeyTable() {
        return new TableSchema(new TableRef("public", "lines"), List.of(
                col("v", TypeFamily.TEXT, "text", true, 0),
                col("id", TypeFamily.INT4, "integer", false, 2),
                col("tenant", TypeFamily.TEXT, "text", false, 1)));
    }

    /** Inserts three rows, updates one, deletes one: (a,2)=a2 and (b,1)=b1! remain. */
    public static List<RowChange> compositeKeyBatch(TableSchema s) {
        return List.of(
                change(ChangeKind.INSERT, s, new Object[]{"a1", 1, "a"}, 10),
                change(ChangeKind.INSERT, s, new Object[]{"b1", 1, "b"}, 11),
                change(ChangeKind.INSERT, s, new Object[]{"a2", 2, "a"}, 12),
                change(ChangeKind.UPDATE, s, new Object[]{"b1!", 1, "b"}, 13),
                change(ChangeKind.DELETE, s, new Object[]{null, 1, "a"}, 14));
    }
}
