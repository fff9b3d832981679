package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TypeFamily;

/**
 * One destination column: its ClickHouse type and how values are written as TabSeparated text.
 *
 * @param name      column name (same as the source)
 * @param type      full ClickHouse type, e.g. {@code Nullable(Decimal(12, 2))}
 * @param encoding  how a Java value becomes text
 * @param element   for arrays, the element's encoding; otherwise null
 * @param nullable  whether the ClickHouse type is Nullable (else NULL is written as the type's default)
 * @param spec      the source column
 */
public record ChColumn(String name, String type, Encoding encoding, Encoding element, boolean nullable,
                       ColumnSpec spec) {

    /** The textual forms PipeDeck writes. */
    public enum Encoding {
        BOOL_01, BOOL_WORD, NUMBER, FLOAT, DECIMAL, STRING, BYTES, UUID, DATE_TEXT, DATE_CLAMPED, TIME_TEXT,
        TIMETZ_TEXT, TS_TEXT, TS_DT64, TSTZ_TEXT, TSTZ_DT64, NUMERIC_TEXT, ARRAY
    }

    public TypeFamily family() {
        return spec.family();
    }
}
