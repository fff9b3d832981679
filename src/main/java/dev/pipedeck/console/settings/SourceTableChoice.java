package dev.pipedeck.console.settings;

import dev.pipedeck.change.TableRef;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A table of the pipe's source in the Edit dialog's picker: ticked to be added, with its destination name (blank: the
 * table's own name). Tables the pipe captures already are listed as such and cannot be ticked.
 */
public final class SourceTableChoice {
    private final TableRef table;
    private final boolean hasPrimaryKey;
    private final boolean replicaIdentityFull;
    private final long estimatedRows;
    private final boolean captured;
    private final BooleanProperty add = new SimpleBooleanProperty(false);
    private final StringProperty destination = new SimpleStringProperty("");

    SourceTableChoice(TableRef table, boolean hasPrimaryKey, boolean replicaIdentityFull, long estimatedRows, boolean captured) {
        this.table = table;
        this.hasPrimaryKey = hasPrimaryKey;
        this.replicaIdentityFull = replicaIdentityFull;
        this.estimatedRows = estimatedRows;
        this.captured = captured;
    }

    public TableRef tableRef() { return table; }
    public boolean captured() { return captured; }
    public BooleanProperty addProperty() { return add; }
    public StringProperty destinationProperty() { return destination; }

    /** The source table, e.g. {@code public.orders}: the check box's text. */
    public String table() {
        return table.toString();
    }

    /** The destination table name it lands in: the typed one, else the table's own name. */
    public String destinationName() {
        String d = destination.get() == null ? "" : destination.get().strip();
        return d.isEmpty() ? table.name() : d;
    }

    /** "~48,210 rows", "captured already", or why it cannot be replicated as it is. */
    public String note() {
        String rows = estimatedRows > 0 ? String.format("~%,d rows", estimatedRows) : "";
        String why = captured ? "captured already"
                : hasPrimaryKey ? ""
                : replicaIdentityFull ? "no primary key (REPLICA IDENTITY FULL is not enough): add one"
                : "no primary key: add one to replicate it";
        return rows.isEmpty() ? why : why.isEmpty() ? rows : rows + " · " + why;
    }
}
