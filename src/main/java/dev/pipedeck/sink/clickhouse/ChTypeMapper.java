package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.clickhouse.ChColumn.Encoding;

/**
 * Chooses the ClickHouse type for a source column. Modern servers get precise types; older ones (18.16 has no
 * DateTime64, Date32, Bool or Decimal256) get the nearest lossless form, usually text. See docs/destinations.md.
 */
public final class ChTypeMapper {
    private final ServerVersion version;

    public ChTypeMapper(ServerVersion version) {
        this.version = version;
    }

    public ChColumn map(ColumnSpec spec) {
        Base base = base(spec.family(), spec);
        Encoding element = null;
        String type = base.type;
        if (spec.family() == TypeFamily.ARRAY) {
            TypeFamily ef = spec.elementFamily() == null ? TypeFamily.OTHER : spec.elementFamily();
            Base eb = base(ef, spec);
            element = eb.encoding;
            // elements may always be NULL in Postgres arrays
            type = "Array(Nullable(" + eb.type + "))";
            return new ChColumn(spec.name(), type, Encoding.ARRAY, element, false, spec);
        }
        // Decimal columns are always Nullable (unless key) because numeric NaN has no Decimal form: it lands as NULL
        boolean nullable = !spec.isKey() && (spec.nullable() || base.encoding == Encoding.DECIMAL);
        return new ChColumn(spec.name(), nullable ? "Nullable(" + type + ")" : type, base.encoding, null, nullable, spec);
    }

    private record Base(String type, Encoding encoding) {}

    private Base base(TypeFamily family, ColumnSpec spec) {
        return switch (family) {
            case BOOL -> version.hasBool() ? new Base("Bool", Encoding.BOOL_WORD) : new Base("UInt8", Encoding.BOOL_01);
            case INT2 -> new Base("Int16", Encoding.NUMBER);
            case INT4 -> new Base("Int32", Encoding.NUMBER);
            case INT8 -> new Base("Int64", Encoding.NUMBER);
            case FLOAT4 -> new Base("Float32", Encoding.FLOAT);
            case FLOAT8 -> new Base("Float64", Encoding.FLOAT);
            case NUMERIC -> numeric(spec);
            case BYTEA -> new Base("String", Encoding.BYTES);
            case UUID -> new Base("UUID", Encoding.UUID);
            case DATE -> version.hasDate32() ? new Base("Date32", Encoding.DATE_CLAMPED)
                    : new Base("String", Encoding.DATE_TEXT);
            case TIME -> new Base("String", Encoding.TIME_TEXT);
            case TIMETZ -> new Base("String", Encoding.TIMETZ_TEXT);
            case TIMESTAMP -> version.hasDateTime64() ? new Base("DateTime64(6)", Encoding.TS_DT64)
                    : new Base("String", Encoding.TS_TEXT);
            case TIMESTAMPTZ -> version.hasDateTime64() ? new Base("DateTime64(6, 'UTC')", Encoding.TSTZ_DT64)
                    : new Base("String", Encoding.TSTZ_TEXT);
            case ARRAY -> new Base("String", Encoding.STRING); // nested arrays are not supported as elements
            case TEXT, INTERVAL, JSON, JSONB, ENUM, NETWORK, OTHER -> new Base("String", Encoding.STRING);
        };
    }

    /** numeric(p,s) within the server's Decimal range → Decimal(p,s); unconstrained or wider → exact text. */
    private Base numeric(ColumnSpec spec) {
        int p = spec.precision();
        int s = Math.max(spec.scale(), 0);
        if (p > 0 && p <= version.maxDecimalPrecision() && s <= p && spec.scale() >= 0) {
            return new Base("Decimal(" + p + ", " + s + ")", Encoding.DECIMAL);
        }
        return new Base("String", Encoding.NUMERIC_TEXT);
    }
}
