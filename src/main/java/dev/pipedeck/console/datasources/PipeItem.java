package dev.pipedeck.console.datasources;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One pipe's line in the table, kept across refreshes: a refresh swaps its {@link PipeRow} value, so only the cells
 * of pipes that changed are redrawn and the table itself (selection, scroll position, cells) stays put.
 */
public final class PipeItem {
    private final String name;
    private final ReadOnlyObjectWrapper<PipeRow> row;

    PipeItem(PipeRow row) {
        this.name = row.name();
        this.row = new ReadOnlyObjectWrapper<>(row);
    }

    public String name() {
        return name;
    }

    public PipeRow row() {
        return row.get();
    }

    public ReadOnlyObjectProperty<PipeRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    void update(PipeRow next) {
        if (!next.equals(row.get())) {
            row.set(next);
        }
    }
}
