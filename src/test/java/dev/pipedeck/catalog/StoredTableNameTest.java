package dev.pipedeck.catalog;

import dev.pipedeck.change.TableRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Stored table names read back as the table, in the quoted form and in the schema.name form of older rows. */
class StoredTableNameTest {
    private static final List<TableRef> ODD = List.of(new TableRef("we.ird \"Sch\"", "Ta\"b.le ü"),
            new TableRef("a,b", "x,y"), new TableRef("\"q", "t"), new TableRef("s", " padded "));

    @Test
    void theQuotedFormReadsBackWithoutAskingForThePipesTables() {
        for (TableRef t : ODD) {
            assertEquals(t, StoredTableName.read(StoredTableName.of(t), () -> fail("the pipe's tables are not needed")));
        }
    }

    @Test
    void theOlderSchemaDotNameFormIsMatchedAgainstThePipesTables() {
        for (TableRef t : ODD) {
            assertEquals(t, StoredTableName.read(t.toString(), () -> ODD), t.toString());
        }
        // a table the pipe no longer has: split at the first dot, as the older versions did
        assertEquals(new TableRef("public", "old.style"), StoredTableName.read("public.old.style", List::of));
        assertEquals(new TableRef("\"q", "t"), StoredTableName.read("\"q.t", List::of));
    }
}
