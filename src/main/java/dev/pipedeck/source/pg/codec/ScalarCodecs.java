package dev.pipedeck.source.pg.codec;

import java.math.BigDecimal;
import java.util.UUID;

/** Codecs for the simple families whose text form maps one-to-one onto a Java parser. */
final class ScalarCodecs {
    private ScalarCodecs() {}

    static final ValueCodec BOOL = text -> switch (text) {
        case "t", "true", "TRUE", "y", "yes", "on", "1" -> Boolean.TRUE;
        case "f", "false", "FALSE", "n", "no", "off", "0" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException("not a boolean: " + text);
    };

    static final ValueCodec INT2 = Short::valueOf;
    static final ValueCodec INT4 = Integer::valueOf;
    static final ValueCodec INT8 = Long::valueOf;
    // Java's parsers accept "NaN", "Infinity" and "-Infinity", exactly Postgres' spellings.
    static final ValueCodec FLOAT4 = Float::valueOf;
    static final ValueCodec FLOAT8 = Double::valueOf;

    /** BigDecimal, or the strings NaN / Infinity / -Infinity which BigDecimal cannot hold. */
    static final ValueCodec NUMERIC = text -> switch (text) {
        case "NaN", "Infinity", "-Infinity" -> text;
        default -> new BigDecimal(text);
    };

    static final ValueCodec UUID_CODEC = UUID::fromString;

    /** Families carried as the server's own text form. */
    static final ValueCodec TEXT = text -> text;
}
