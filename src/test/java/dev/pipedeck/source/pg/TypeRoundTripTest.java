package dev.pipedeck.source.pg;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every type family, value by value, through the snapshot copy and through the stream. */
class TypeRoundTripTest {
    private static final TableRef TABLE = new TableRef("public", "All Types");
    private static final String COLUMNS = "id, b, i2, i4, i8, f4, f8, n, n2, t, vc, ch, by, u, d, tm, ttz, ts, tstz, iv, "
            + "js, jb, e, ip, cid, mac, ia, ta, dom, ia2";

    private static final String ROW1 = "1, true, 32767, 2147483647, 9223372036854775807, 'NaN', 'Infinity', "
            + "'123456789012345678901234567890.123456789012345678901234567890', 12345678.9, "
            + "E'héllo wörld ✓ 😀 tab\\there \"q\" \\\\ back\\nline', 'abc', 'ab', '\\x00ff10'::bytea, "
            + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'infinity', '23:59:59.999999', '12:34:56.789+05:30', "
            + "'2024-02-29 13:14:15.123456', '2024-02-29 13:14:15.123456+02', '1 day 02:03:04', '{\"a\": [1, 2]}', "
            + "'{\"b\": 1, \"a\": [1, 2]}', 'happy', '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', "
            + "'{1,NULL,3}', '{\"a b\",NULL,\"c,d\",\"e\\\"f\",\"NULL\"}', 42, '{{1,2},{3,4}}'";
    private static final String ROW2 = "2" + ", NULL".repeat(29);
    private static final String ROW3 = "3, false, -32768, -2147483648, -9223372036854775808, '-Infinity', 'NaN', 'NaN', "
            + "-0.01, '', '', '', '\\x'::bytea, '00000000-0000-0000-0000-000000000000', '-infinity', '00:00:00', "
            + "'00:00:00-08', 'infinity', '-infinity', '-3 mons', 'null', '[]', 'sad', '::1', '2001:db8::/32', "
            + "'ff:ff:ff:ff:ff:ff', '{}', '{}', 1, '{}'";
    private static final String ROW4 = "4, NULL, 0, 0, 0, '3.4028235e38', '-1.7976931348623157e308', '-1e-20', 0, "
            + "NULL, NULL, NULL, NULL, NULL, '0001-01-01 BC', NULL, NULL, '0001-01-01 00:00:00 BC', "
            + "'1970-01-01 00:00:00.000001+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL";

    private static Map<String, Object> expected(int id) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (id) {
            case 1 -> {
                m.put("b", true); m.put("i2", (short) 32767); m.put("i4", Integer.MAX_VALUE); m.put("i8", Long.MAX_VALUE);
                m.put("f4", Float.NaN); m.put("f8", Double.POSITIVE_INFINITY);
                m.put("n", new BigDecimal("123456789012345678901234567890.123456789012345678901234567890"));
                m.put("n2", new BigDecimal("12345678.90"));
                m.put("t", "héllo wörld ✓ 😀 tab\there \"q\" \\ back\nline"); m.put("vc", "abc"); m.put("ch", "ab   ");
                m.put("by", new byte[]{0, (byte) 0xff, 0x10});
                m.put("u", UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
                m.put("d", LocalDate.MAX); m.put("tm", LocalTime.of(23, 59, 59, 999_999_000));
                m.put("ttz", OffsetTime.of(12, 34, 56, 789_000_000, ZoneOffset.ofHoursMinutes(5, 30)));
                m.put("ts", LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000));
                m.put("tstz", Instant.parse("2024-02-29T11:14:15.123456Z"));
                m.put("iv", "1 day 02:03:04"); m.put("js", "{\"a\": [1, 2]}"); m.put("jb", "{\"a\": [1, 2], \"b\": 1}");
                m.put("e", "happy"); m.put("ip", "192.168.0.1/24"); m.put("cid", "10.0.0.0/8");
                m.put("mac", "08:00:2b:01:02:03"); m.put("ia", Arrays.asList(1, null, 3));
                m.put("ta", Arrays.asList("a b", null, "c,d", "e\"f", "NULL")); m.put("dom", 42);
                m.put("ia2", List.of(List.of(1, 2), List.of(3, 4)));
            }
            case 3 -> {
                m.put("b", false); m.put("i2", Short.MIN_VALUE); m.put("i4", Integer.MIN_VALUE); m.put("i8", Long.MIN_VALUE);
                m.put("f4", Float.NEGATIVE_INFINITY); m.put("f8", Double.NaN); m.put("n", "NaN");
                m.put("n2", new BigDecimal("-0.01")); m.put("t", ""); m.put("vc", ""); m.put("ch", "     ");
                m.put("by", new byte[0]); m.put("u", new UUID(0, 0)); m.put("d", LocalDate.MIN);
                m.put("tm", LocalTime.MIDNIGHT); m.put("ttz", OffsetTime.of(0, 0, 0, 0, ZoneOffset.ofHours(-8)));
                m.put("ts", LocalDateTime.MAX); m.put("tstz", Instant.MIN); m.put("iv", "-3 mons");
                m.put("js", "null"); m.put("jb", "[]"); m.put("e", "sad"); m.put("ip", "::1");
                m.put("cid", "2001:db8::/32"); m.put("mac", "ff:ff:ff:ff:ff:ff"); m.put("ia", List.of());
                m.put("ta", List.of()); m.put("dom", 1); m.put("ia2", List.of());
            }
            case 4 -> {
                m.put("i2", (short) 0); m.put("i4", 0); m.put("i8", 0L); m.put("f4", Float.MAX_VALUE);
                m.put("f8", -Double.MAX_VALUE); m.put("n", new BigDecimal("-1e-20")); m.put("n2", new BigDecimal("0.00"));
                m.put("d", LocalDate.of(0, 1, 1)); m.put("ts", LocalDateTime.of(0, 1, 1, 0, 0));
                m.put("tstz", Instant.parse("1970-01-01T00:00:00.000001Z"));
            }
            default -> { }
        }
        return m;
    }

    private static void createTable(SourceFixture f) {
        f.exec("CREATE TYPE mood AS ENUM ('sad', 'happy')",
                "CREATE DOMAIN posint AS integer CHECK (VALUE > 0)",
                "CREATE TABLE " + TABLE.quoted() + " (id int PRIMARY KEY, b bool, i2 int2, i4 int4, i8 int8, f4 float4, "
                        + "f8 float8, n numeric, n2 numeric(12,2), t text, vc varchar(10), ch char(5), by bytea, u uuid, "
                        + "d date, tm time, ttz timetz, ts timestamp, tstz timestamptz, iv interval, js json, jb jsonb, "
                        + "e mood, ip inet, cid cidr, mac macaddr, ia int[], ta text[], dom posint, ia2 int[][])");
    }

    private static void insertRows(SourceFixture f, int idOffset) {
        for (String row : List.of(ROW1, ROW2, ROW3, ROW4)) {
            int comma = row.indexOf(',');
            String values = (idOffset + Integer.parseInt(row.substring(0, comma))) + row.substring(comma);
            f.exec("INSERT INTO " + TABLE.quoted() + " (" + COLUMNS + ") VALUES (" + values + ")");
        }
    }

    @Test
    void schemaReportsFamiliesKeysAndTypeDetails() {
        SourceFixture f = new SourceFixture("types_schema");
        createTable(f);
        TableSchema s = f.source.readSchema(TABLE);
        Map<String, ColumnSpec> c = new HashMap<>();
        s.columns().forEach(col -> c.put(col.name(), col));
        assertEquals(List.of("id"), s.keyColumns().stream().map(ColumnSpec::name).toList());
        assertEquals(TypeFamily.INT4, c.get("dom").family());
        assertEquals(23, c.get("dom").typeOid());
        assertEquals(TypeFamily.ENUM, c.get("e").family());
        assertEquals(TypeFamily.ARRAY, c.get("ia").family());
        assertEquals(TypeFamily.INT4, c.get("ia").elementFamily());
        assertEquals(TypeFamily.TEXT, c.get("ta").elementFamily());
        assertEquals("numeric(12,2)", c.get("n2").typeName());
        assertEquals(12, c.get("n2").precision());
        assertEquals(2, c.get("n2").scale());
        assertEquals(10, c.get("vc").precision());
        assertEquals(TypeFamily.TIMESTAMPTZ, c.get("tstz").family());
        assertEquals(TypeFamily.NETWORK, c.get("mac").family());
        assertEquals(TypeFamily.JSONB, c.get("jb").family());
        assertEquals(TypeFamily.TEXT, c.get("ch").family());
        assertEquals(false, c.get("id").nullable());
        assertEquals(true, c.get("b").nullable());
    }

    @Test
    void everyFamilyRoundTripsThroughSnapshotAndStream() {
        SourceFixture f = new SourceFixture("types_rt");
        createTable(f);
        insertRows(f, 0);
        f.source.ensurePublication("pub", List.of(TABLE));
        try (SlotCreation slot = f.source.createSlot(f.slot())) {
            SourceFixture.Collector col = new SourceFixture.Collector();
            f.source.copy(f.source.planSnapshot(List.of(TABLE), 4), slot.snapshotName(), 2, col, () -> false);
            assertEquals(4, col.rows.size());
            check(col.rows, 0);
        }
        insertRows(f, 100);
        try (ReplicationStream stream = f.source.openStream(f.slot(), "pub", null)) {
            List<RowChange> changes = SourceFixture.changes(f.drain(stream));
            assertEquals(4, changes.size());
            check(changes, 100);
        }
    }

    private static void check(List<RowChange> rows, int idOffset) {
        List<RowChange> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(r -> (Integer) r.value(0)));
        for (int id = 1; id <= 4; id++) {
            RowChange r = sorted.get(id - 1);
            assertEquals(idOffset + id, r.value(0));
            Map<String, Object> exp = expected(id);
            TableSchema s = r.schema();
            for (ColumnSpec c : s.columns()) {
                if (c.name().equals("id")) {
                    continue;
                }
                Object actual = r.value(s.indexOf(c.name()));
                Object want = exp.get(c.name());
                String where = "row " + id + " column " + c.name();
                if (want == null) {
                    assertNull(actual, where);
                } else if (want instanceof byte[] bytes) {
                    assertArrayEquals(bytes, (byte[]) actual, where);
                } else {
                    assertEquals(want, actual, where);
                }
            }
        }
    }
}
