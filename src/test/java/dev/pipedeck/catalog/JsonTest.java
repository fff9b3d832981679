package dev.pipedeck.catalog;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    @Test
    void writesAndParsesBackNestedValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "shop \"demo\"\n\ttab\\");
        m.put("rows", 42L);
        m.put("ratio", 0.5);
        m.put("ok", true);
        m.put("none", null);
        m.put("list", Arrays.asList(1L, "two", null, List.of(), Map.of()));
        m.put("control", "\u0001");
        String text = Json.write(m);
        assertEquals("{\"name\":\"shop \\\"demo\\\"\\n\\ttab\\\\\",\"rows\":42,\"ratio\":0.5,\"ok\":true,\"none\":null,"
                + "\"list\":[1,\"two\",null,[],{}],\"control\":\"\\u0001\"}", text);
        assertEquals(m, Json.parse(text));
        assertEquals(m, Json.parse(Json.pretty(m)));
    }

    @Test
    void prettyIndentsAndKeepsOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", List.of(2L));
        assertEquals("{\n  \"b\": 1,\n  \"a\": [\n    2\n  ]\n}", Json.pretty(m));
    }

    @Test
    void parsesUnicodeEscapesNegativeNumbersAndWhitespace() {
        assertEquals(Map.of("k", "é", "n", -3L, "d", -1.5e2), Json.parse(" { \"k\" : \"\\u00e9\" , \"n\":-3, \"d\": -1.5e2 } "));
    }

    @Test
    void rejectsMalformedText() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("@"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"abc"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("tru"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("nul"));
        assertEquals(List.of(true, false), Json.parse("[true,false]"));
    }
}
