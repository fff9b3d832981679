package dev.pipedeck.catalog;

import dev.pipedeck.change.TableRef;

import javax.sql.DataSource;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * A source table's name as catalog tables keep it ({@code snapshot_range}, {@code pipe_table_floor}): written as
 * {@link TableRef#quoted()}, which reads back for any name — dots, quotes, commas and spaces in the schema or the
 * table included. Rows written by older versions hold {@code schema.name}, which is ambiguous once a name has a dot
 * in it; they are matched against the pipe's own tables, and only when none matches split at the first dot (what
 * those versions did).
 */
final class StoredTableName {
    private StoredTableName() {}

    /** The text to store for {@code table}. */
    static String of(TableRef table) {
        return table.quoted();
    }

    /**
     * Reads a stored name back.
     *
     * @param known the pipe's tables, asked for only when the row is in the older {@code schema.name} form
     */
    static TableRef read(String stored, Supplier<? extends Collection<TableRef>> known) {
        if (stored.startsWith("\"")) {
            try {
                TableRef t = TableRef.parse(stored);
                if (t.quoted().equals(stored)) {
                    return t;
                }
            } catch (IllegalArgumentException notQuotedForm) {
                // an older row whose schema begins with a quote: read it as schema.name below
            }
        }
        for (TableRef t : known.get()) {
            if (t.toString().equals(stored)) {
                return t;
            }
        }
        int dot = stored.indexOf('.');
        return dot < 0 ? new TableRef("public", stored) : new TableRef(stored.substring(0, dot), stored.substring(dot + 1));
    }

    /**
     * The tables a pipe has now (as its {@code tables} column lists them; empty when the pipe is gone), read from the
     * catalog on the first {@code get()} only: rows in the current form never need them.
     */
    static Supplier<List<TableRef>> pipeTables(DataSource ds, long pipeId) {
        return new Supplier<>() {
            private List<TableRef> tables;

            @Override
            public List<TableRef> get() {
                if (tables == null) {
                    tables = Jdbc.list(ds, "read the pipe's tables", "SELECT tables FROM pipe WHERE id = ?",
                                    ps -> ps.setLong(1, pipeId), rs -> PipeRepository.parseTables(rs.getString(1)))
                            .stream().flatMap(List::stream).map(TableMapping::source).toList();
                }
                return tables;
            }
        };
    }
}
