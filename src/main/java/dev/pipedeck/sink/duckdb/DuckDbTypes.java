package dev.pipedeck.sink.duckdb;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TypeFamily;
import org.duckdb.DuckDBAppender;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Source type → DuckDB type, and how each Java value (see {@link TypeFamily}) is appended. DuckDB keeps Postgres'
 * infinities for DATE/TIMESTAMP (as the extreme day/microsecond counts), so those survive exactly.
 */
final class DuckDbTypes {
    private static final long INFINITY_MICROS = Long.MAX_VALUE;
    private static final int INFINITY_DAYS = Integer.MAX_VALUE;

    private DuckDbTypes() {}

    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Arrays become lists, nested once per declared dimension ({@code int[][]} → {@code INTEGER[][]}). */
    static DuckColumn column(ColumnSpec spec) {
        String type = spec.family() == TypeFamily.ARRAY
                ? base(spec.elementFamily() == null ? TypeFamily.OTHER : spec.elementFamily(), spec)
                        + "[]".repeat(Math.max(1, spec.arrayDimensions()))
                : base(spec.family(), spec);
        return new DuckColumn(spec.name(), type, spec);
    }

    private static String base(TypeFamily f, ColumnSpec spec) {
        return switch (f) {
            case BOOL -> "BOOLEAN";
            case INT2 -> "SMALLINT";
            case INT4 -> "INTEGER";
            case INT8 -> "BIGINT";
            case FLOAT4 -> "FLOAT";
            case FLOAT8 -> "DOUBLE";
            case NUMERIC -> isDecimal(spec) ? "DECIMAL(" + spec.precision() + ", " + spec.scale() + ")" : "VARCHAR";
            case BYTEA -> "BLOB";
            case UUID -> "UUID";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMETZ -> "TIMETZ";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case TEXT, INTERVAL, JSON, JSONB, ENUM, NETWORK, OTHER, ARRAY -> "VARCHAR";
        };
    }

    /** numeric(p,s) with p ≤ 38 (DuckDB's limit); unconstrained/wider numerics stay exact as text. */
    static boolean isDecimal(ColumnSpec spec) {
        return spec.precision() > 0 && spec.precision() <= 38 && spec.scale() >= 0 && spec.scale() <= spec.precision();
    }

    static void append(DuckDBAppender a, ColumnSpec spec, Object v) throws SQLException {
        if (v == null) {
            a.appendNull();
            return;
        }
        switch (spec.family()) {
            case BOOL -> a.append((boolean) (Boolean) v);
            case INT2 -> a.append((short) (Short) v);
            case INT4 -> a.append((int) (Integer) v);
            case INT8 -> a.append((long) (Long) v);
            case FLOAT4 -> a.append((float) (Float) v);
            case FLOAT8 -> a.append((double) (Double) v);
            case NUMERIC -> {
                Object n = numeric(spec, v);
                if (n == null) {
                    a.appendNull();
                } else if (n instanceof BigDecimal bd) {
                    a.append(bd);
                } else {
                    a.append((String) n);
                }
            }
            case BYTEA -> a.append((byte[]) v);
            case UUID -> a.append((UUID) v);
            case DATE -> date(a, (LocalDate) v);
            case TIME -> a.append((LocalTime) v);
            case TIMETZ -> a.append((OffsetTime) v);
            case TIMESTAMP -> a.appendEpochMicros(micros((LocalDateTime) v));
            case TIMESTAMPTZ -> a.appendEpochMicros(micros((Instant) v));
            case ARRAY -> a.append(list(spec, (List<?>) v, Math.max(1, spec.arrayDimensions())));
            default -> a.append(v.toString());
        }
    }

    /** A DECIMAL column gets the BigDecimal at the column's scale, NaN as NULL; a VARCHAR one the exact text. */
    private static Object numeric(ColumnSpec spec, Object v) {
        if (isDecimal(spec)) {
            return v instanceof BigDecimal bd ? bd.setScale(spec.scale(), RoundingMode.HALF_EVEN) : null;
        }
        return v instanceof BigDecimal bd ? bd.toPlainString() : v.toString();
    }

    private static void date(DuckDBAppender a, LocalDate d) throws SQLException {
        if (d.equals(LocalDate.MAX)) {
            a.appendEpochDays(INFINITY_DAYS);
        } else if (d.equals(LocalDate.MIN)) {
            a.appendEpochDays(-INFINITY_DAYS);
        } else {
            a.append(d);
        }
    }

    static long micros(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) {
            return INFINITY_MICROS;
        }
        if (t.equals(LocalDateTime.MIN)) {
            return -INFINITY_MICROS;
        }
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    }

    static long micros(Instant i) {
        if (i.equals(Instant.MAX)) {
            return INFINITY_MICROS;
        }
        if (i.equals(Instant.MIN)) {
            return -INFINITY_MICROS;
        }
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    /**
     * List elements converted to what the appender's list support takes, {@code depth} levels deep (the column's
     * declared dimensions). Postgres does not enforce declared dimensions; a value of another depth cannot go into the
     * list column and is refused with a sentence.
     */
    private static List<Object> list(ColumnSpec spec, List<?> values, int depth) {
        TypeFamily ef = spec.elementFamily() == null ? TypeFamily.OTHER : spec.elementFamily();
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            if (v == null) {
                out.add(null);
                continue;
            }
            if ((v instanceof List<?>) != (depth > 1)) {
                throw new IllegalArgumentException("column " + spec.name() + " is declared with "
                        + Math.max(1, spec.arrayDimensions()) + " array dimension(s) (" + spec.typeName()
                        + ") but holds an array of another depth; declare the column with as many [] as its values "
                        + "have dimensions (ALTER TABLE ... ALTER COLUMN " + spec.name() + " TYPE ...), then resync");
            }
            if (depth > 1) {
                out.add(list(spec, (List<?>) v, depth - 1));
                continue;
            }
            out.add(switch (ef) {
                case NUMERIC -> numeric(spec, v);
                case TIMESTAMPTZ -> LocalDateTime.ofEpochSecond(((Instant) v).getEpochSecond(),
                        ((Instant) v).getNano(), ZoneOffset.UTC).atOffset(ZoneOffset.UTC);
                case BOOL, INT2, INT4, INT8, FLOAT4, FLOAT8, BYTEA, UUID, DATE, TIME, TIMETZ, TIMESTAMP -> v;
                default -> v.toString();
            });
        }
        return out;
    }
}
