package dev.pipedeck.sink.duckdb;

import java.sql.Connection;
import java.sql.DriverManager;

/** Run in a second JVM by the tests: opens a DuckDB file, prints LOCKED, and holds it until stdin closes. */
public final class DuckDbLockHolder {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)");
            System.out.println("LOCKED");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
        }
    }
}
