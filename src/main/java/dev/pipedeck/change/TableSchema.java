package dev.pipedeck.change;

import java.util.Comparator;
import java.util.List;

/** A source table's columns, in source order. Keys are the columns with a {@code keyPosition > 0}. */
public record TableSchema(TableRef table, List<ColumnSpec> columns) {
    public TableSchema {
        columns = List.copyOf(columns);
    }

    public List<ColumnSpec> keyColumns() {
        return columns.stream().filter(ColumnSpec::isKey)
                .sorted(Comparator.comparingInt(ColumnSpec::keyPosition)).toList();
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }
}
