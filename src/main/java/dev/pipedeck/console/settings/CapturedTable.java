package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.TableMapping;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A table the pipe captures, in the Edit dialog: ticked to be removed from the pipe (its destination table stays). */
public final class CapturedTable {
    private final TableMapping mapping;
    private final boolean copyPending;
    private final BooleanProperty remove = new SimpleBooleanProperty(false);

    CapturedTable(TableMapping mapping, boolean copyPending) {
        this.mapping = mapping;
        this.copyPending = copyPending;
    }

    public TableMapping mapping() { return mapping; }
    public BooleanProperty removeProperty() { return remove; }

    /** The source table, e.g. {@code public.orders}: the check box's text. */
    public String table() {
        return mapping.source().toString();
    }

    /** "into orders", and whether an earlier edit's copy of it is still to come. */
    public String note() {
        return "into " + mapping.destination() + (copyPending ? " · added by an earlier edit, copied when the pipe resumes" : "");
    }
}
