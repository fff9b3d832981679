package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.sink.Destination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A resync's shadow tables in ClickHouse: dropping a leftover one, and swapping the fresh copies in.
 *
 * <p>On a database of the Atomic engine (ClickHouse 20.5 and later, the default from 20.10) each pair is swapped
 * with {@code EXCHANGE TABLES live AND shadow}, which is atomic, and the shadow (now holding the old rows) is dropped.
 * Elsewhere (an Ordinary database, e.g. on 18.16, which has no EXCHANGE) all pairs are renamed in one
 * {@code RENAME TABLE live TO live_resync_old, shadow TO live, ...} statement: the server renames them one after
 * another under its DDL lock, so a query is refused only while it races a rename of its own table (a few
 * milliseconds); it never reads a half-filled table.
 */
final class ChShadowTables {
    private static final Logger log = LoggerFactory.getLogger(ChShadowTables.class);
    static final String OLD_SUFFIX = "_resync_old";

    private final ChHttp http;
    private final String database;

    ChShadowTables(ChHttp http, String database) {
        this.http = http;
        this.database = database;
    }

    void drop(String shadow) {
        requireShadow(shadow);
        http.query("DROP TABLE IF EXISTS " + qualified(shadow), shadow);
    }

    void swapIn(Map<String, String> liveToShadow) {
        if (liveToShadow.isEmpty()) {
            return;
        }
        liveToShadow.values().forEach(ChShadowTables::requireShadow);
        if (atomicDatabase()) {
            for (Map.Entry<String, String> e : liveToShadow.entrySet()) {
                if (exists(e.getKey())) {
                    http.query("EXCHANGE TABLES " + qualified(e.getKey()) + " AND " + qualified(e.getValue()), e.getKey());
                    http.query("DROP TABLE IF EXISTS " + qualified(e.getValue()), e.getValue());
                } else {
                    http.query("RENAME TABLE " + qualified(e.getValue()) + " TO " + qualified(e.getKey()), e.getKey());
                }
            }
            log.info("Swapped {} resynced table(s) in ClickHouse database {} (EXCHANGE TABLES)", liveToShadow.size(), database);
            return;
        }
        List<String> renames = new ArrayList<>();
        List<String> olds = new ArrayList<>();
        for (Map.Entry<String, String> e : liveToShadow.entrySet()) {
            String old = e.getKey() + OLD_SUFFIX;
            http.query("DROP TABLE IF EXISTS " + qualified(old), old); // left by an interrupted swap
            if (exists(e.getKey())) {
                renames.add(qualified(e.getKey()) + " TO " + qualified(old));
                olds.add(old);
            }
            renames.add(qualified(e.getValue()) + " TO " + qualified(e.getKey()));
        }
        http.query("RENAME TABLE " + String.join(", ", renames), String.join(", ", liveToShadow.keySet()));
        for (String old : olds) {
            http.query("DROP TABLE IF EXISTS " + qualified(old), old);
        }
        log.info("Swapped {} resynced table(s) in ClickHouse database {} (one RENAME TABLE)", liveToShadow.size(), database);
    }

    private boolean atomicDatabase() {
        String engine = http.query("SELECT engine FROM system.databases WHERE name = " + ChTable.literal(database), null);
        return engine.strip().equals("Atomic");
    }

    private boolean exists(String table) {
        return http.query("SELECT count() FROM system.tables WHERE database = " + ChTable.literal(database)
                + " AND name = " + ChTable.literal(table), table).strip().equals("1");
    }

    private String qualified(String table) {
        return ChTable.ident(database) + "." + ChTable.ident(table);
    }

    private static void requireShadow(String table) {
        if (!table.endsWith(Destination.SHADOW_SUFFIX)) {
            throw new IllegalArgumentException("not a resync shadow table: " + table);
        }
    }
}
