package dev.pipedeck.change;

/**
 * The source column type families PipeDeck carries, and the Java value each decodes to.
 * Every family may also be {@code null} (SQL NULL).
 */
public enum TypeFamily {
    /** {@link Boolean} */
    BOOL,
    /** {@link Short} */
    INT2,
    /** {@link Integer} */
    INT4,
    /** {@link Long} */
    INT8,
    /** {@link Float} (NaN and infinities included) */
    FLOAT4,
    /** {@link Double} (NaN and infinities included) */
    FLOAT8,
    /** {@link java.math.BigDecimal}, or the String {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. */
    NUMERIC,
    /** {@link String}: text, varchar, char (bpchar, padded as Postgres sends it), name, citext */
    TEXT,
    /** {@code byte[]} */
    BYTEA,
    /** {@link java.util.UUID} */
    UUID,
    /** {@link java.time.LocalDate}; {@code infinity} → {@code LocalDate.MAX}, {@code -infinity} → {@code LocalDate.MIN} */
    DATE,
    /** {@link java.time.LocalTime} (microseconds) */
    TIME,
    /** {@link java.time.OffsetTime} */
    TIMETZ,
    /** {@link java.time.LocalDateTime} (microseconds); infinities → {@code LocalDateTime.MAX/MIN} */
    TIMESTAMP,
    /** {@link java.time.Instant} (microseconds); infinities → {@code Instant.MAX/MIN} */
    TIMESTAMPTZ,
    /** {@link String}, Postgres' own text form (e.g. {@code 1 day 02:03:04}) */
    INTERVAL,
    /** {@link String} */
    JSON,
    /** {@link String} */
    JSONB,
    /** {@link String}: the label */
    ENUM,
    /** {@link String}: {@code inet}, {@code cidr}, {@code macaddr}, {@code macaddr8} in Postgres' text form */
    NETWORK,
    /** {@link java.util.List} of the element family's values (nulls allowed); multi-dimensional arrays nest lists */
    ARRAY,
    /** {@link String}: any other type, in its text form */
    OTHER
}
