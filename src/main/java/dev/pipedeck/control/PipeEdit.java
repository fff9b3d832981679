package dev.pipedeck.control;

import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;

import java.time.Duration;
import java.util.List;

/**
 * What an edit of a paused pipe changes: tables to add (with their destination names) and to remove, the batch size
 * and the sync interval. Empty lists and nulls leave that part as it is.
 */
public record PipeEdit(List<TableMapping> addTables, List<TableRef> removeTables, Integer batchSize, Duration syncInterval) {
    public PipeEdit {
        addTables = addTables == null ? List.of() : List.copyOf(addTables);
        removeTables = removeTables == null ? List.of() : List.copyOf(removeTables);
    }

    /** An edit of the batch settings only. */
    public static PipeEdit settings(Integer batchSize, Duration syncInterval) {
        return new PipeEdit(List.of(), List.of(), batchSize, syncInterval);
    }

    public boolean changesTables() {
        return !addTables.isEmpty() || !removeTables.isEmpty();
    }

    public boolean isEmpty() {
        return !changesTables() && batchSize == null && syncInterval == null;
    }
}
