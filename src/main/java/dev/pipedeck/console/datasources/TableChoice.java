package dev.pipedeck.console.datasources;

import dev.pipedeck.change.TableRef;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A source table in the New pipe picker: chosen or not, and whether it can be replicated as it is. */
public final class TableChoice {
    private final TableRef table;
    private final boolean hasPrimaryKey;
    private final boolean replicaIdentityFull;
    private final long estimatedRows;
    private final BooleanProperty selected = new SimpleBooleanProperty();

    TableChoice(TableRef table, boolean hasPrimaryKey, boolean replicaIdentityFull, long estimatedRows) {
        this.table = table;
        this.hasPrimaryKey = hasPrimaryKey;
        this.replicaIdentityFull = replicaIdentityFull;
        this.estimatedRows = estimatedRows;
        // tables without a key cannot be deduplicated in the destination: not chosen unless the user insists
        selected.set(hasPrimaryKey);
    }

    public TableRef table() { return table; }
    public boolean hasPrimaryKey() { return hasPrimaryKey; }
    public BooleanProperty selectedProperty() { return selected; }

    /** {@code public.orders (~48,210 rows)} with a warning when there is no primary key. */
    public String label() {
        String rows = estimatedRows > 0 ? String.format(" (~%,d rows)", estimatedRows) : "";
        if (hasPrimaryKey) {
            return table + rows;
        }
        return table + rows + (replicaIdentityFull ? " — no primary key (REPLICA IDENTITY FULL is not enough): add one"
                : " — no primary key: add one to replicate it");
    }

    @Override
    public String toString() {
        return label();
    }
}
