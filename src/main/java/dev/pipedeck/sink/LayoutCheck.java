package dev.pipedeck.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What an existing destination table lacks to be reused: the same check for ClickHouse and DuckDB. */
public final class LayoutCheck {
    private LayoutCheck() {}

    /** A sentence per missing key column and per missing {@code _peerdb_*} column. */
    public static List<String> missingColumns(Collection<String> keys, Collection<String> meta, Map<String, String> existing) {
        List<String> problems = new ArrayList<>();
        for (String k : keys) {
            if (!existing.containsKey(k)) {
                problems.add("key column " + k + " is missing");
            }
        }
        for (String m : meta) {
            if (!existing.containsKey(m)) {
                problems.add("column " + m + " is missing");
            }
        }
        return problems;
    }
}
