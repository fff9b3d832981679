package dev.pipedeck.catalog;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.testing.TestCatalog;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-table floors read back as the tables they were set for, whatever the names hold (dots, quotes, spaces). */
class TableFloorRepositoryTest {
    @Test
    void floorsOfOddNamesReadBackAsTheirTables() throws Exception {
        try (TestCatalog db = new TestCatalog("floors")) {
            Pipe p = db.createPipe("floors");
            TableFloorRepository floors = db.control().repository().tableFloors();
            TableRef dottedSchema = new TableRef("we.ird \"Sch\"", "Ta\"b.le ü");
            TableRef dottedTable = new TableRef("select", "Order.Items");
            floors.set(p.id(), dottedSchema, new Lsn(100));
            floors.set(p.id(), dottedTable, new Lsn(200));
            assertEquals(Map.of(dottedSchema, new Lsn(100), dottedTable, new Lsn(200)), floors.floors(p.id()));

            // a floor stored as schema.name before (a dot in the table name only) still reads back and is forgotten
            try (Connection c = db.catalog().dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO pipe_table_floor (pipe_id, source_table, floor_lsn) "
                         + "VALUES (?, 'public.old.style', 300)")) {
                ps.setLong(1, p.id());
                ps.executeUpdate();
            }
            TableRef old = new TableRef("public", "old.style");
            assertEquals(new Lsn(300), floors.floors(p.id()).get(old));
            floors.forget(p.id(), List.of(dottedSchema, old));
            assertEquals(Map.of(dottedTable, new Lsn(200)), floors.floors(p.id()));
        }
    }
}
