package dev.pipedeck.console.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A suggested fix for a pipe's last error, from the words the engine uses in its reasons. */
final class ErrorAdvice {
    private static final Map<String, String> FIXES = new LinkedHashMap<>();

    static {
        FIXES.put("password authentication", "Check the user and password of the source or destination and re-create the pipe with the right ones.");
        FIXES.put("permission denied", "Grant the replication user the missing privilege (REPLICATION, SELECT on the tables), then resume.");
        FIXES.put("wal_level", "Set wal_level = logical on the source server and restart it, then resume.");
        FIXES.put("could not drop publication", "Drop the publication as its owner or a superuser (the reason names both); the delete then finishes by itself.");
        FIXES.put("replication slot", "The slot is gone or invalidated (max_slot_wal_keep_size exceeded): resync the pipe (Resync… on the Settings tab, or pipedeck pipe resync NAME) to take a new snapshot.");
        FIXES.put("publication", "The publication was dropped; creating it again does not bring the pipe back: resync the pipe (Resync… on the Settings tab, or pipedeck pipe resync NAME).");
        FIXES.put("does not exist", "A source table or column was dropped or renamed: update the pipe's tables, then resume.");
        FIXES.put("primary key", "Add a primary key to the table (or REPLICA IDENTITY USING INDEX on a unique index of NOT NULL columns), then resume.");
        FIXES.put("clickhouse", "Check that ClickHouse is reachable and the user may write to the database, then resume.");
        FIXES.put("connection", "Check that the server is up and reachable from this machine; the engine retries by itself.");
        FIXES.put("timeout", "Check the network between the engine and the server; the engine retries by itself.");
        FIXES.put("disk", "Free disk space on the destination, then resume.");
    }

    private ErrorAdvice() {}

    static String fixFor(String error) {
        if (error == null || error.isBlank()) {
            return "";
        }
        String e = error.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> f : FIXES.entrySet()) {
            if (e.contains(f.getKey())) {
                return f.getValue();
            }
        }
        return "Read the reason above, fix the cause, then resume the pipe on the Settings tab.";
    }
}
