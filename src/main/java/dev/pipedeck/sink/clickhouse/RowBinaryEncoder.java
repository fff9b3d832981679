package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.clickhouse.ChColumn.Encoding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Writes Java values (see {@link TypeFamily}) in ClickHouse's RowBinary input format: integers and floats as their
 * little-endian bytes (so every bit of a float survives, subnormals, -0.0 and NaN payloads included — 18.16's text
 * parser flushes subnormals to 0), strings as a LEB128 length and their UTF-8 bytes, Decimals as their unscaled
 * value in 4, 8, 16 or 32 bytes, UUIDs as two little-endian 64-bit halves (high half first), {@code Nullable} as a
 * flag byte before the value, arrays as a length and their elements. The server parses nothing.
 *
 * <p>The text forms (dates, times and timestamps on servers without Date32 / DateTime64) are exactly the strings the
 * TabSeparated path writes, so a table's contents do not depend on the format.
 */
final class RowBinaryEncoder {
    private static final LocalDateTime DT64_MIN = LocalDateTime.of(1900, 1, 1, 0, 0);
    private static final LocalDateTime DT64_MAX = LocalDateTime.of(2299, 12, 31, 23, 59, 59, 999_999_000);
    private static final LocalDate DATE32_MIN = LocalDate.of(1900, 1, 1);
    private static final LocalDate DATE32_MAX = LocalDate.of(2299, 12, 31);

    private RowBinaryEncoder() {}

    /**
     * Whether a column can be written as RowBinary with the same result as its text form: the destination column
     * must have exactly the type the binary value is laid out for (a table created by someone else with other types
     * would otherwise receive misread bytes; the text form makes the server parse and refuse instead), and
     * {@code DateTime64(6)} without a time zone never is: its text is read in the server's time zone, a binary value
     * is an instant.
     */
    static boolean supports(ChColumn col) {
        String type = col.type();
        if (col.encoding() == Encoding.ARRAY) {
            String element = binaryType(col.element(), elementFamily(col), col);
            return element != null && type.equals("Array(Nullable(" + element + "))");
        }
        if (col.nullable()) {
            if (!type.startsWith("Nullable(") || !type.endsWith(")")) {
                return false;
            }
            type = type.substring("Nullable(".length(), type.length() - 1);
        }
        return type.equals(binaryType(col.encoding(), col.family(), col));
    }

    /** The ClickHouse type a value of this encoding is laid out for in RowBinary; null when it is written as text only. */
    private static String binaryType(Encoding e, TypeFamily f, ChColumn col) {
        return switch (e) {
            case BOOL_01 -> "UInt8";
            case BOOL_WORD -> "Bool";
            case NUMBER -> f == TypeFamily.INT2 ? "Int16" : f == TypeFamily.INT4 ? "Int32" : "Int64";
            case FLOAT -> f == TypeFamily.FLOAT4 ? "Float32" : "Float64";
            case DECIMAL -> "Decimal(" + col.spec().precision() + ", " + Math.max(col.spec().scale(), 0) + ")";
            case UUID -> "UUID";
            case DATE_CLAMPED -> "Date32";
            case TSTZ_DT64 -> "DateTime64(6, 'UTC')";
            case TS_DT64, ARRAY -> null;
            default -> "String";
        };
    }

    private static TypeFamily elementFamily(ChColumn col) {
        return col.spec().elementFamily() == null ? TypeFamily.OTHER : col.spec().elementFamily();
    }

    /** One field: NULL → the null flag when nullable, else the type's default (0, '', zero UUID, empty array). */
    static void field(ByteBuf out, ChColumn col, Object v, String table) {
        if (col.encoding() == Encoding.ARRAY) {
            array(out, col, (List<?>) v);
            return;
        }
        if (col.encoding() == Encoding.DECIMAL && v instanceof String special) {
            // numeric NaN (Infinity cannot occur in a constrained numeric): no Decimal form, lands as NULL
            if (!col.nullable()) {
                throw PipeDeckException.permanent("Key column " + col.name() + " of ClickHouse table " + table
                        + " received numeric " + special + ", which a Decimal key cannot hold");
            }
            v = null;
        }
        if (col.nullable()) {
            if (v == null) {
                out.write(1);
                return;
            }
            out.write(0);
        }
        if (v == null) {
            defaultValue(out, col.encoding(), col.family(), col);
        } else {
            scalar(out, col.encoding(), col.family(), col, v, table);
        }
    }

    private static void array(ByteBuf out, ChColumn col, List<?> list) {
        if (list == null) {
            varUInt(out, 0); // documented: ClickHouse arrays cannot be Nullable; a NULL array lands as []
            return;
        }
        Encoding e = col.element();
        TypeFamily f = elementFamily(col);
        varUInt(out, list.size());
        for (Object v : list) {
            // elements are always Nullable(T)
            if (v == null || (e == Encoding.DECIMAL && v instanceof String)) {
                out.write(1);
            } else if (v instanceof List<?> nested) {
                throw PipeDeckException.permanent("Multi-dimensional arrays are not supported by the ClickHouse "
                        + "destination (value " + nested.size() + " elements deep)");
            } else {
                out.write(0);
                scalar(out, e, f, col, v, col.name());
            }
        }
    }

    private static void scalar(ByteBuf out, Encoding e, TypeFamily f, ChColumn col, Object v, String table) {
        switch (e) {
            case BOOL_01, BOOL_WORD -> out.write((Boolean) v ? 1 : 0);
            case NUMBER -> integer(out, f, ((Number) v).longValue());
            case FLOAT -> {
                if (f == TypeFamily.FLOAT4) {
                    out.int32LE(Float.floatToRawIntBits(((Number) v).floatValue()));
                } else {
                    out.int64LE(Double.doubleToRawLongBits(((Number) v).doubleValue()));
                }
            }
            case DECIMAL -> decimal(out, (BigDecimal) v, col, table);
            case NUMERIC_TEXT -> string(out, v instanceof BigDecimal bd ? bd.toPlainString() : v.toString());
            case STRING -> string(out, v.toString());
            case BYTES -> {
                byte[] b = (byte[]) v;
                varUInt(out, b.length);
                out.write(b, 0, b.length);
            }
            case UUID -> {
                UUID u = (UUID) v;
                out.int64LE(u.getMostSignificantBits());
                out.int64LE(u.getLeastSignificantBits());
            }
            case DATE_TEXT -> string(out, TsvEncoder.dateText((LocalDate) v));
            case DATE_CLAMPED -> out.int32LE((int) clamp((LocalDate) v).toEpochDay());
            case TIME_TEXT -> string(out, TsvEncoder.time((LocalTime) v));
            case TIMETZ_TEXT -> string(out, TsvEncoder.timetz((OffsetTime) v));
            case TS_TEXT -> string(out, TsvEncoder.tsText((LocalDateTime) v));
            case TSTZ_TEXT -> string(out, TsvEncoder.tsText(utc((Instant) v)));
            case TSTZ_DT64 -> out.int64LE(micros(clamp(utc((Instant) v))));
            case TS_DT64 -> throw new IllegalStateException("DateTime64 without a time zone is written as text");
            case ARRAY -> throw new IllegalStateException("nested array");
        }
    }

    private static void defaultValue(ByteBuf out, Encoding e, TypeFamily f, ChColumn col) {
        switch (e) {
            case BOOL_01, BOOL_WORD -> out.write(0);
            case NUMBER -> integer(out, f, 0);
            case FLOAT -> {
                if (f == TypeFamily.FLOAT4) {
                    out.int32LE(0);
                } else {
                    out.int64LE(0);
                }
            }
            case DECIMAL -> {
                for (int i = decimalBytes(col.spec().precision()); i > 0; i--) {
                    out.write(0);
                }
            }
            case UUID -> {
                out.int64LE(0);
                out.int64LE(0);
            }
            case DATE_CLAMPED -> out.int32LE(0);
            case TSTZ_DT64 -> out.int64LE(0);
            default -> varUInt(out, 0); // every text form: ''
        }
    }

    private static void integer(ByteBuf out, TypeFamily f, long v) {
        switch (f) {
            case INT2 -> {
                out.write((int) v);
                out.write((int) (v >> 8));
            }
            case INT4 -> out.int32LE((int) v);
            default -> out.int64LE(v);
        }
    }

    /** Bytes of a Decimal(p, s) value: Decimal32, 64, 128 or 256. */
    static int decimalBytes(int precision) {
        return precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32;
    }

    private static void decimal(ByteBuf out, BigDecimal d, ChColumn col, String table) {
        int scale = Math.max(col.spec().scale(), 0);
        int width = decimalBytes(col.spec().precision());
        BigDecimal scaled;
        try {
            scaled = d.scale() == scale ? d : d.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw PipeDeckException.permanent("Column " + col.name() + " of ClickHouse table " + table + " received "
                    + d.toPlainString() + ", which has more decimal places than its type " + col.type()
                    + " holds; check the source column's type.", e);
        }
        BigInteger unscaled = scaled.unscaledValue();
        if (width <= 8 && unscaled.bitLength() < 64) {
            long u = unscaled.longValue();
            if (width == 4) {
                out.int32LE((int) u);
            } else {
                out.int64LE(u);
            }
            return;
        }
        byte[] be = unscaled.toByteArray(); // big-endian two's complement, minimal length
        if (be.length > width) {
            throw PipeDeckException.permanent("Column " + col.name() + " of ClickHouse table " + table + " received "
                    + d.toPlainString() + ", which does not fit its type " + col.type() + "; check the source column's type.");
        }
        byte sign = (byte) (unscaled.signum() < 0 ? 0xff : 0);
        for (int i = be.length - 1; i >= 0; i--) {
            out.write(be[i]);
        }
        for (int i = be.length; i < width; i++) {
            out.write(sign);
        }
    }

    private static void string(ByteBuf out, String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            varUInt(out, n);
            out.ascii(s);
        } else {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varUInt(out, b.length);
            out.write(b, 0, b.length);
        }
    }

    /** LEB128, as ClickHouse's writeVarUInt. */
    static void varUInt(ByteBuf out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long micros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    }

    private static LocalDateTime utc(Instant i) {
        if (i.equals(Instant.MAX)) {
            return LocalDateTime.MAX;
        }
        if (i.equals(Instant.MIN)) {
            return LocalDateTime.MIN;
        }
        return LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), ZoneOffset.UTC);
    }

    private static LocalDateTime clamp(LocalDateTime t) {
        return t.isBefore(DT64_MIN) ? DT64_MIN : t.isAfter(DT64_MAX) ? DT64_MAX : t;
    }

    private static LocalDate clamp(LocalDate d) {
        return d.isBefore(DATE32_MIN) ? DATE32_MIN : d.isAfter(DATE32_MAX) ? DATE32_MAX : d;
    }
}
