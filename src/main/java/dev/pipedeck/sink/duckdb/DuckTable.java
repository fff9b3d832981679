package dev.pipedeck.sink.duckdb;

import java.util.List;

/**
 * A prepared DuckDB table: the columns PipeDeck writes, its key, the tombstone table remembering delete versions,
 * and the temp staging table batches are appended to.
 */
record DuckTable(String name, List<DuckColumn> columns, List<String> keys) {
    DuckTable {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
    }

    String quoted() {
        return DuckDbTypes.ident(name);
    }

    String tombstones() {
        return DuckDbTypes.ident("_pipedeck_tombstones_" + name);
    }

    String stageName() {
        return "_pipedeck_stage_" + name;
    }

    String stage() {
        return DuckDbTypes.ident(stageName());
    }

    boolean has(String column) {
        return columns.stream().anyMatch(c -> c.name().equals(column));
    }

    /** {@code a."k1" = b."k1" AND ...} */
    String keyJoin(String a, String b) {
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            if (sb.length() > 0) {
                sb.append(" AND ");
            }
            sb.append(a).append('.').append(DuckDbTypes.ident(k)).append(" = ").append(b).append('.')
                    .append(DuckDbTypes.ident(k));
        }
        return sb.toString();
    }
}
