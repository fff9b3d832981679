package dev.pipedeck.source.pg.codec;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TypeFamily;

/** Picks the codec for a column's type family; every value PipeDeck reads from Postgres goes through here. */
public final class TypeCodecs {
    private TypeCodecs() {}

    public static ValueCodec forFamily(TypeFamily family) {
        return switch (family) {
            case BOOL -> ScalarCodecs.BOOL;
            case INT2 -> ScalarCodecs.INT2;
            case INT4 -> ScalarCodecs.INT4;
            case INT8 -> ScalarCodecs.INT8;
            case FLOAT4 -> ScalarCodecs.FLOAT4;
            case FLOAT8 -> ScalarCodecs.FLOAT8;
            case NUMERIC -> ScalarCodecs.NUMERIC;
            case BYTEA -> ByteaCodec.INSTANCE;
            case UUID -> ScalarCodecs.UUID_CODEC;
            case DATE -> DateTimeCodecs.DATE;
            case TIME -> DateTimeCodecs.TIME;
            case TIMETZ -> DateTimeCodecs.TIMETZ;
            case TIMESTAMP -> DateTimeCodecs.TIMESTAMP;
            case TIMESTAMPTZ -> DateTimeCodecs.TIMESTAMPTZ;
            case TEXT, INTERVAL, JSON, JSONB, ENUM, NETWORK, OTHER -> ScalarCodecs.TEXT;
            case ARRAY -> throw new IllegalArgumentException("arrays need an element family: use forColumn/forArray");
        };
    }

    /** Arrays of {@code element}; nested arrays come back as nested lists. */
    public static ValueCodec forArray(TypeFamily element) {
        return new ArrayCodec(forFamily(element == null || element == TypeFamily.ARRAY ? TypeFamily.OTHER : element), ',');
    }

    public static ValueCodec forColumn(ColumnSpec column) {
        return column.family() == TypeFamily.ARRAY ? forArray(column.elementFamily()) : forFamily(column.family());
    }

    /** Decodes {@code text} (null → null) for {@code column}. */
    public static Object decode(ColumnSpec column, String text) {
        return text == null ? null : forColumn(column).decode(text);
    }
}
