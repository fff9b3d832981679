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
}
