package dev.pipedeck.sink.clickhouse;

import java.util.List;

/**
 * A prepared destination table: the columns PipeDeck writes (source columns, including ones the source has since
 * dropped) and the key the table is ordered by.
 */
record ChTable(String name, List<ChColumn> columns, List<String> keys) {
    ChTable {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
    }

    boolean has(String column) {
        return columns.stream().anyMatch(c -> c.name().equals(column));
    }

    static String ident(String name) {
        return '`' + name.replace("\\", "\\\\").replace("`", "\\`") + '`';
    }

    static String literal(String s) {
        return '\'' + s.replace("\\", "\\\\").replace("'", "\\'") + '\'';
    }
}
