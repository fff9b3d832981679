package dev.pipedeck.testing;

import dev.pipedeck.demo.EmbeddedPostgresServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded Postgres (wal_level=logical) shared by every test in the JVM; each test takes fresh databases from
 * {@link #newDatabase(String)} so tests do not see each other's tables, slots or publications... except slots are
 * per database, which is what we want.
 */
public final class TestPostgres {
    private static EmbeddedPostgresServer server;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestPostgres() {}

    public static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            server = EmbeddedPostgresServer.start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close()));
        }
        return server;
    }

    /** Creates a new, empty database and returns its name ({@code prefix_N}). */
    public static String newDatabase(String prefix) {
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + COUNTER.incrementAndGet();
        server().ensureDatabase(name);
        return name;
    }

    public static String jdbcUrl(String database) {
        return server().jdbcUrl(database);
    }

    public static Connection connect(String database) throws SQLException {
        return server().connect(database);
    }
}
