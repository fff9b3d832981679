package dev.pipedeck.catalog;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.TableRef;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-table floors of a pipe (migration V8): a table copied at consistent point X takes a change only from a
 * transaction that commits at or after X. Written before the copy's rows can be streamed over, deleted once the pipe's
 * confirmed position is past X (older transactions can then no longer come again).
 */
public final class TableFloorRepository {
    private final DataSource ds;

    public TableFloorRepository(DataSource ds) {
        this.ds = ds;
    }

    /** The pipe's floors by source table. */
    public Map<TableRef, Lsn> floors(long pipeId) {
        Map<TableRef, Lsn> out = new LinkedHashMap<>();
        Jdbc.list(ds, "read the table floors", "SELECT source_table, floor_lsn FROM pipe_table_floor WHERE pipe_id = ? "
                + "ORDER BY source_table", ps -> ps.setLong(1, pipeId), rs -> {
                    out.put(stored(rs.getString(1)), new Lsn(rs.getLong(2)));
                    return null;
                });
        return out;
    }

    /** Sets (or replaces) the floor of one table. */
    public void set(long pipeId, TableRef table, Lsn floor) {
        Jdbc.update(ds, "record the floor of table " + table, "INSERT INTO pipe_table_floor (pipe_id, source_table, "
                + "floor_lsn) VALUES (?, ?, ?) ON CONFLICT (pipe_id, source_table) DO UPDATE SET floor_lsn = "
                + "EXCLUDED.floor_lsn, set_at = now()", ps -> {
                    ps.setLong(1, pipeId);
                    ps.setString(2, table.quoted());
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
                        ps.setString(2, t.quoted());
                        ps.setString(3, t.toString());
                    });
        }
    }

    /**
     * Stored as {@link TableRef#quoted()}, which reads back for any name (a schema with a dot in it too); a floor
     * stored before that is {@code schema.name}, read with {@link #fromDisplay}.
     */
    private static TableRef stored(String text) {
        return text.startsWith("\"") ? TableRef.parse(text) : fromDisplay(text);
    }

    /** {@code schema.name} (as snapshot_range stores it): quoted back so a table name containing a dot survives. */
    private static TableRef fromDisplay(String display) {
        int dot = display.indexOf('.');
        return TableRef.parse(TableRef.quoteIdent(display.substring(0, dot)) + "."
                + TableRef.quoteIdent(display.substring(dot + 1)));
    }
}
