package dev.pipedeck.catalog;

import dev.pipedeck.change.TableRef;

import javax.sql.DataSource;
import java.util.List;

/**
 * TEMPORARY STAND-IN (engine branch) for the lead's TableCopyRepository of contract-11 (catalog V7
 * {@code pipe_table_copy}): no pending copies. Replaced by the lead's class when main is merged.
 */
public final class TableCopyRepository {
    public TableCopyRepository(DataSource ds) {
    }

    public List<TableMapping> pending(long pipeId) {
        return List.of();
    }

    public void done(long pipeId, TableRef table) {
    }

    public boolean any(long pipeId) {
        return false;
    }
}
