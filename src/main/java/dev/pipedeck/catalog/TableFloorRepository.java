package dev.pipedeck.catalog;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.TableRef;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-table floors of a pipe (migration V8): a table copied at consistent point X takes a change only from a
 * transaction that commits at or after X. Written before the copy's rows can be streamed over, deleted once the pipe's
 * confirmed position is past X (older transactions can then no longer come again). Tables are stored as
 * {@link StoredTableName} writes them (older rows, {@code schema.name}, still read).
 */
public final class TableFloorRepository {
    private final DataSource ds;

    public TableFloorRepository(DataSource ds) {
        this.ds = ds;
    }

    /** The pipe's floors by source table. */
    public Map<TableRef, Lsn> floors(long pipeId) {
        record Row(String table, long floor) {}
        List<Row> rows = Jdbc.list(ds, "read the table floors", "SELECT source_table, floor_lsn FROM pipe_table_floor "
                + "WHERE pipe_id = ? ORDER BY source_table", ps -> ps.setLong(1, pipeId), rs -> new Row(rs.getString(1), rs.getLong(2)));
        Supplier<List<TableRef>> known = StoredTableName.pipeTables(ds, pipeId);
        Map<TableRef, Lsn> out = new LinkedHashMap<>();
        for (Row r : rows) {
            out.put(StoredTableName.read(r.table(), known), new Lsn(r.floor()));
        }
        return out;
    }

    /** Sets (or replaces) the floor of one table. */
    public void set(long pipeId, TableRef table, Lsn floor) {
        Jdbc.update(ds, "record the floor of table " + table, "INSERT INTO pipe_table_floor (pipe_id, source_table, "
                + "floor_lsn) VALUES (?, ?, ?) ON CONFLICT (pipe_id, source_table) DO UPDATE SET floor_lsn = "
                + "EXCLUDED.floor_lsn, set_at = now()", ps -> {
                    ps.setLong(1, pipeId);
                    ps.setString(2, StoredTableName.of(table));
                    ps.setLong(3, floor.value());
                });
    }

    /** Forgets the floors at or below {@code confirmed}: no transaction before them can be streamed again. */
    public int forgetUpTo(long pipeId, Lsn confirmed) {
        return Jdbc.update(ds, "forget passed table floors", "DELETE FROM pipe_table_floor WHERE pipe_id = ? AND "
                + "floor_lsn <= ?", ps -> {
                    ps.setLong(1, pipeId);
                    ps.setLong(2, confirmed.value());
                });
    }

    /** Forgets every floor of these tables (a resync of the whole pipe copied them all again). */
    public void forget(long pipeId, List<TableRef> tables) {
        for (TableRef t : tables) {
            Jdbc.update(ds, "forget the floor of table " + t, "DELETE FROM pipe_table_floor WHERE pipe_id = ? AND "
                    + "source_table IN (?, ?)", ps -> {
                        ps.setLong(1, pipeId);
                        ps.setString(2, StoredTableName.of(t));
                        ps.setString(3, t.toString());
                    });
        }
    }
}
