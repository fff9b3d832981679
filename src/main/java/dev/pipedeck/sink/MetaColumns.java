package dev.pipedeck.sink;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns PipeDeck adds to every destination table, and the source columns that cannot sit beside them: one
 * with the same name would be created twice (or, added later, be taken for PipeDeck's own and get its values).
 */
public final class MetaColumns {
    public static final Set<String> NAMES = Set.of("_peerdb_synced_at", "_peerdb_is_deleted", "_peerdb_version");

    private MetaColumns() {}

    /**
     * A sentence for each column of {@code schema} named like one of PipeDeck's columns — and, where names are
     * case-insensitive (DuckDB), for two columns whose names differ only in case.
     */
    public static List<String> refusals(TableSchema schema, String destination, boolean caseInsensitive) {
        List<String> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (ColumnSpec c : schema.columns()) {
            String name = caseInsensitive ? c.name().toLowerCase(Locale.ROOT) : c.name();
            if (NAMES.contains(name)) {
                out.add("Column " + c.name() + " of " + schema.table() + " has the name of a column PipeDeck adds to "
                        + "every " + destination + " table (_peerdb_synced_at, _peerdb_is_deleted, _peerdb_version): "
                        + "rename it at the source (ALTER TABLE " + schema.table().quoted() + " RENAME COLUMN "
                        + TableRef.quoteIdent(c.name()) + " TO ...), or leave the table out of the pipe.");
            }
            String other = caseInsensitive ? seen.put(name, c.name()) : null;
            if (other != null) {
                out.add("Columns " + other + " and " + c.name() + " of " + schema.table() + " differ only in case, "
                        + "which " + destination + " does not tell apart: rename one of them at the source, or "
                        + "replicate the table to ClickHouse.");
            }
        }
        return out;
    }
}
