package dev.pipedeck.catalog;

import dev.pipedeck.change.TableRef;

import javax.sql.DataSource;
import java.util.List;

/**
 * Tables added to a pipe by an edit whose initial copy has not finished (migration V7). The edit writes them (see
 * {@link PipeRepository#edit}); the worker that runs the pipe next copies them and marks each one done. Tables are
 * stored as {@link TableRef#quoted()}, which {@link TableRef#parse} reads back for any name.
 */
public final class TableCopyRepository {
    private final DataSource ds;

    public TableCopyRepository(DataSource ds) {
        this.ds = ds;
    }

    /** The tables still to copy, oldest request first. */
    public List<TableMapping> pending(long pipeId) {
        return Jdbc.list(ds, "read the tables still to copy", "SELECT source_table, destination_table FROM pipe_table_copy "
                        + "WHERE pipe_id = ? ORDER BY requested_at, source_table", ps -> ps.setLong(1, pipeId),
                rs -> new TableMapping(TableRef.parse(rs.getString(1)), rs.getString(2)));
    }

    public boolean any(long pipeId) {
        return !Jdbc.list(ds, "read the tables still to copy", "SELECT 1 FROM pipe_table_copy WHERE pipe_id = ? LIMIT 1",
                ps -> ps.setLong(1, pipeId), rs -> 1).isEmpty();
    }

    /** The table's copy is complete: it streams like the others from now on. */
    public void done(long pipeId, TableRef table) {
        Jdbc.update(ds, "record a finished table copy", "DELETE FROM pipe_table_copy WHERE pipe_id = ? AND source_table = ?",
                ps -> {
                    ps.setLong(1, pipeId);
                    ps.setString(2, table.quoted());
                });
    }
}
