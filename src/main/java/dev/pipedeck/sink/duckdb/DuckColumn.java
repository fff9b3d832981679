package dev.pipedeck.sink.duckdb;

import dev.pipedeck.change.ColumnSpec;

/** A destination column: the source column and the DuckDB type chosen for it. */
record DuckColumn(String name, String type, ColumnSpec spec) {
    String quoted() {
        return DuckDbTypes.ident(name);
    }
}
