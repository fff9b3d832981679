package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.ValueText;
import dev.pipedeck.testing.ClickHouseTestServer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads the deduplicated view ({@code FINAL WHERE _peerdb_is_deleted = 0}) back as Java values, keyed by id. */
final class ChReader {
    private ChReader() {}

    static Map<Long, Object[]> rows(ClickHouseTestServer ch, String db, String table, TableSchema schema) {
        String cols = schema.columns().stream().map(c -> c.family() == TypeFamily.BYTEA
                ? "hex(`" + c.name() + "`)" : "`" + c.name() + "`").collect(Collectors.joining(", "));
        String body = ch.query("SELECT " + cols + " FROM `" + db + "`.`" + table + "` FINAL WHERE _peerdb_is_deleted = 0"
                + " ORDER BY id FORMAT TabSeparated");
        Map<Long, Object[]> out = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Object[] values = new Object[schema.columns().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(schema.columns().get(i), f[i]);
            }
            out.put((Long) values[schema.indexOf("id")], values);
        }
        return out;
    }

    static Object value(ColumnSpec c, String raw) {
        if (c.family() == TypeFamily.ARRAY) {
            List<Object> list = new ArrayList<>();
            for (String e : ValueText.chArray(raw)) {
                list.add(ValueText.parse(c.elementFamily(), e));
            }
            return list;
        }
        return ValueText.parse(c.family(), ValueText.tsvField(raw));
    }

    /** {@code count()} of visible rows. */
    static long count(ClickHouseTestServer ch, String db, String table) {
        return Long.parseLong(ch.query("SELECT count() FROM `" + db + "`.`" + table
                + "` FINAL WHERE _peerdb_is_deleted = 0").strip());
    }
}
