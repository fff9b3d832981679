package dev.pipedeck.catalog;

import dev.pipedeck.change.TableRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableMappingTest {
    @Test
    void mapsToTheTableNameWithoutSchemaByDefault() {
        List<TableMapping> l = TableMapping.parseList("public.orders, sales.customers ,items");
        assertEquals(List.of(new TableMapping(new TableRef("public", "orders"), "orders"),
                new TableMapping(new TableRef("sales", "customers"), "customers"),
                new TableMapping(new TableRef("public", "items"), "items")), l);
    }

    @Test
    void mapsToAnotherNameAfterAColon() {
        List<TableMapping> l = TableMapping.parseList("a.orders,b.orders:b_orders");
        assertEquals("b_orders", l.get(1).destination());
        assertEquals("a.orders,b.orders:b_orders", TableMapping.format(l));
        assertEquals(l, TableMapping.parseList(TableMapping.format(l)));
    }

    @Test
    void refusesTwoTablesLandingOnOneName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableMapping.parseList("a.orders,b.orders"));
        assertTrue(e.getMessage().contains("a.orders") && e.getMessage().contains("b.orders")
                && e.getMessage().contains("'orders'") && e.getMessage().contains("b.orders:other_name"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TableMapping.parseList("a.x:t,b.t"));
    }

    @Test
    void quotedNamesMayContainDots() {
        TableMapping m = TableMapping.parseList("\"my.schema\".\"a.b\"").get(0);
        assertEquals(new TableRef("my.schema", "a.b"), m.source());
    }

    @Test
    void refusesEmptyAndMalformedLists() {
        assertThrows(IllegalArgumentException.class, () -> TableMapping.parseList(""));
        assertThrows(IllegalArgumentException.class, () -> TableMapping.parseList(" , "));
        assertThrows(IllegalArgumentException.class, () -> TableMapping.parseList("a.b.c"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableMapping.parseList("a.b:"));
        assertTrue(e.getMessage().contains("a.b:"), e.getMessage());
    }

    @Test
    void quotedNamesMayContainCommasColonsDotsAndQuotes() {
        List<TableMapping> l = TableMapping.parseList("\"a,b\".\"x,y\":dest, \"we.ird \"\"Sch\"\"\".\"Ta\"\"b.le ü\","
                + "s.\"k:v\":\"d,e \"\"q\"\"\",plain");
        assertEquals(List.of(new TableMapping(new TableRef("a,b", "x,y"), "dest"),
                new TableMapping(new TableRef("we.ird \"Sch\"", "Ta\"b.le ü"), "Ta\"b.le ü"),
                new TableMapping(new TableRef("s", "k:v"), "d,e \"q\""),
                new TableMapping(new TableRef("public", "plain"), "plain")), l);
        // quoted names as TableRef.quoted() writes them, an unquoted destination keeps its dots and spaces, as before
        TableRef odd = new TableRef("we.ird \"Sch\"", "Ta\"b.le ü");
        assertEquals(List.of(new TableMapping(new TableRef("select", "Order Items"), "Order Items"),
                        new TableMapping(odd, "odd dest.Ü")),
                TableMapping.parseList(new TableRef("select", "Order Items").quoted() + "," + odd.quoted() + ":odd dest.Ü"));
        assertEquals(new TableMapping(new TableRef("s", "t"), "odd dest.Ü"), TableMapping.parseList("s.t:odd dest.Ü").get(0));
    }

    @Test
    void formatQuotesWhatNeedsItSoThatItReadsBack() {
        List<TableMapping> l = List.of(new TableMapping(new TableRef("a,b", "x,y"), "dest"),
                new TableMapping(new TableRef("we.ird \"Sch\"", "Ta\"b.le ü"), "Ta\"b.le ü"),
                new TableMapping(new TableRef("s", "k:v"), "d,e \"q\""),
                new TableMapping(new TableRef("public", " padded "), "odd dest.Ü"),
                new TableMapping(new TableRef("public", "orders"), "orders"));
        String text = TableMapping.format(l);
        assertEquals("\"a,b\".\"x,y\":dest,\"we.ird \"\"Sch\"\"\".\"Ta\"\"b.le ü\",s.\"k:v\":\"d,e \"\"q\"\"\","
                + "public.\" padded \":odd dest.Ü,public.orders", text);
        assertEquals(l, TableMapping.parseList(text));
    }

    @Test
    void malformedListsGetASentenceThatSaysWhatIsWrong() {
        assertMessage("\"a,b.x", "quote opened at character 1", "never closed", "schema.table");
        assertMessage("s.t,\"a", "quote opened at character 5", "never closed");
        assertMessage("s.t,,u.v", "table 2 of 3", "is empty");
        assertMessage("s.t,", "table 2 of 2", "is empty");
        assertMessage(" , ", "table 1 of 2", "is empty");
        assertMessage("s.t:a:b", "more than one ':'");
        assertMessage(":dest", "no table name before the ':'");
        assertMessage("s.t:\"\"", "destination name", "is empty");
        assertMessage("s.t:\"d\"x", "not one quoted name");
        assertMessage("s.t:d\"x\"", "has a quote in it");
        assertMessage("a.b.c", "'a.b.c' is not a table name", "double quotes");
        assertMessage("\"\".x", "is not a table name");
    }

    private static void assertMessage(String text, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableMapping.parseList(text), text);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("--tables: "), e.getMessage());
    }
}
