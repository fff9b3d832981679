package dev.pipedeck.source.pg.codec;

import dev.pipedeck.change.TypeFamily;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TypeCodecsTest {
    private static Object d(TypeFamily f, String text) {
        return TypeCodecs.forFamily(f).decode(text);
    }

    @Test
    void scalars() {
        assertEquals(true, d(TypeFamily.BOOL, "t"));
        assertEquals(false, d(TypeFamily.BOOL, "f"));
        assertThrows(IllegalArgumentException.class, () -> d(TypeFamily.BOOL, "maybe"));
        assertEquals((short) -32768, d(TypeFamily.INT2, "-32768"));
        assertEquals(Long.MAX_VALUE, d(TypeFamily.INT8, "9223372036854775807"));
        assertEquals(Float.NaN, d(TypeFamily.FLOAT4, "NaN"));
        assertEquals(Double.NEGATIVE_INFINITY, d(TypeFamily.FLOAT8, "-Infinity"));
        assertEquals(1.0E-307, d(TypeFamily.FLOAT8, "1e-307"));
        assertEquals(new BigDecimal("-0.000000000000000000001"), d(TypeFamily.NUMERIC, "-0.000000000000000000001"));
        assertEquals("Infinity", d(TypeFamily.NUMERIC, "Infinity"));
        assertEquals("NaN", d(TypeFamily.NUMERIC, "NaN"));
        assertEquals("1 year 2 mons", d(TypeFamily.INTERVAL, "1 year 2 mons"));
    }

    @Test
    void bytea() {
        assertArrayEquals(new byte[]{0, (byte) 0xAB, 0x7f}, (byte[]) d(TypeFamily.BYTEA, "\\x00ab7F"));
        assertArrayEquals(new byte[0], (byte[]) d(TypeFamily.BYTEA, "\\x"));
        assertArrayEquals(new byte[]{'a', '\\', 1}, (byte[]) d(TypeFamily.BYTEA, "a\\\\\\001"));
    }

    @Test
    void dates() {
        assertEquals(LocalDate.of(2024, 2, 29), d(TypeFamily.DATE, "2024-02-29"));
        assertEquals(LocalDate.of(-43, 3, 15), d(TypeFamily.DATE, "0044-03-15 BC"));
        assertEquals(LocalDate.of(294276, 12, 31), d(TypeFamily.DATE, "294276-12-31"));
        assertEquals(LocalDate.MAX, d(TypeFamily.DATE, "infinity"));
        assertEquals(LocalDate.MIN, d(TypeFamily.DATE, "-infinity"));
    }

    @Test
    void times() {
        assertEquals(LocalTime.of(1, 2, 3, 450_000_000), d(TypeFamily.TIME, "01:02:03.45"));
        assertEquals(LocalTime.of(1, 2, 3, 1000), d(TypeFamily.TIME, "01:02:03.000001"));
        assertEquals(LocalTime.MAX, d(TypeFamily.TIME, "24:00:00"));
        assertEquals(OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHoursMinutes(-3, -30)), d(TypeFamily.TIMETZ, "01:02:03-03:30"));
        assertEquals(OffsetTime.of(1, 2, 3, 500_000_000, ZoneOffset.ofHours(14)), d(TypeFamily.TIMETZ, "01:02:03.5+14"));
    }

    @Test
    void timestamps() {
        assertEquals(LocalDateTime.of(2001, 2, 3, 4, 5, 6, 789_000), d(TypeFamily.TIMESTAMP, "2001-02-03 04:05:06.000789"));
        assertEquals(LocalDateTime.of(-99, 1, 1, 0, 0), d(TypeFamily.TIMESTAMP, "0100-01-01 00:00:00 BC"));
        assertEquals(LocalDateTime.MIN, d(TypeFamily.TIMESTAMP, "-infinity"));
        assertEquals(Instant.parse("2001-02-03T02:05:06.123456Z"), d(TypeFamily.TIMESTAMPTZ, "2001-02-03 04:05:06.123456+02"));
        assertEquals(Instant.parse("2001-02-03T04:05:06Z"), d(TypeFamily.TIMESTAMPTZ, "2001-02-03 09:35:06+05:30"));
        assertEquals(Instant.parse("1900-01-01T00:00:00Z"), d(TypeFamily.TIMESTAMPTZ, "1900-01-01 00:19:28+00:19:28"));
        assertEquals(Instant.MAX, d(TypeFamily.TIMESTAMPTZ, "infinity"));
    }

    @Test
    void arrays() {
        ValueCodec ints = TypeCodecs.forArray(TypeFamily.INT4);
        assertEquals(Arrays.asList(1, null, -3), ints.decode("{1,NULL,-3}"));
        assertEquals(List.of(), ints.decode("{}"));
        assertEquals(List.of(List.of(1, 2), List.of(3, 4)), ints.decode("{{1,2},{3,4}}"));
        assertEquals(List.of(5, 6), ints.decode("[0:1]={5,6}"));
        ValueCodec texts = TypeCodecs.forArray(TypeFamily.TEXT);
        assertEquals(Arrays.asList("a b", null, "NULL", "q\"uo\\te", "x,y", "{}", ""),
                texts.decode("{\"a b\",NULL,\"NULL\",\"q\\\"uo\\\\te\",\"x,y\",\"{}\",\"\"}"));
        ValueCodec ts = TypeCodecs.forArray(TypeFamily.TIMESTAMPTZ);
        assertEquals(List.of(Instant.parse("2020-01-01T00:00:00Z")), ts.decode("{\"2020-01-01 00:00:00+00\"}"));
    }
}
