package dev.pipedeck.demo;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.TableMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo starts from nothing, writes rows at the asked rate, and comes back with the same data on the next run. */
class DemoEnvironmentTest {
    @TempDir
    Path home;
    private String previousHome;

    @BeforeEach
    void useTempHome() {
        previousHome = System.getProperty("pipedeck.home");
        System.setProperty("pipedeck.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("pipedeck.home");
        } else {
            System.setProperty("pipedeck.home", previousHome);
        }
    }

    @Test
    void startsSeedsRunsTheWorkloadAndRestartsOnTheSameData() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoOptions options = DemoOptions.defaults(new PrintStream(printed, true, StandardCharsets.UTF_8)).withRowsPerSecond(200);
        assertEquals(home.resolve("demo"), options.dir());
        long customersAtStop;
        String catalogUrl;
        try (DemoEnvironment env = DemoEnvironment.start(options)) {
            catalogUrl = env.catalogUrl();
            assertTrue(Files.exists(home.resolve("demo/pg/postgresql.conf")), "data under the PipeDeck home");
            assertTrue(Files.exists(env.duckdbFile()), "DuckDB destination file");
            assertEquals("duckdb:" + home.resolve("demo/shop.duckdb").toAbsolutePath(), env.destinationUrl());
            try (Connection c = env.server().connect("shop")) {
                assertTrue(count(c, "customers") >= 2000);
                assertTrue(count(c, "orders") >= 3000);
                assertTrue(count(c, "order_items") >= 3000);
                assertTrue(scalar(c, "SELECT count(*) FROM orders WHERE length(note) > 8192") > 10, "TOASTed notes");
                assertEquals("order_status", string(c, "SELECT udt_name FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'status'"));
                assertEquals("logical", string(c, "SHOW wal_level"));
            }

            long t0 = System.nanoTime();
            while (env.workload().rowsWritten() < 100 && System.nanoTime() - t0 < 15_000_000_000L) {
                Thread.sleep(50);
            }
            assertTrue(env.workload().inserts() > 0 && env.workload().updates() > 0, "inserts and updates: " + env.workload().rowsWritten());
            assertEquals(0, env.workload().failures());
            SampleWorkload once = new SampleWorkload(() -> env.server().connect("shop"), 0);
            once.runEachOperationOnce();
            assertTrue(once.inserts() >= 3 && once.updates() == 5 && once.deletes() >= 1, "every kind of operation commits");
            assertEquals(0, once.failures());
            env.workload().setRowsPerSecond(0);
            Thread.sleep(400);
            try (Connection c = env.server().connect("shop")) {
                customersAtStop = count(c, "customers");
                long ordersNow = count(c, "orders");
                Thread.sleep(500);
                assertEquals(ordersNow, count(c, "orders"), "rate 0 stops writing");
            }

            PipeRepository pipes = new PipeRepository(env.catalog().dataSource());
            Pipe pipe = pipes.find(DemoEnvironment.PIPE_NAME).orElseThrow();
            assertEquals(TableMapping.parseList("public.customers,public.orders,public.order_items"), pipe.tables());
            assertEquals(env.destinationUrl(), pipe.destinationUrl());
            assertEquals("postgres", pipe.sourceUser());
            assertEquals(Actor.Kind.CLI, pipes.audit(DemoEnvironment.PIPE_NAME, 1).get(0).actor().kind());
            String out = printed.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("shop schema created and seeded") && out.contains(env.catalogUrl()) && out.contains("200 rows/s"), out);
            java.util.List<String> closed = new java.util.ArrayList<>();
            env.closeFirst(() -> {
                try (Connection c = env.server().connect("shop")) {
                    closed.add("worker, while Postgres " + (c.isValid(1) ? "is up" : "is down"));
                }
            });
            env.closeFirst(() -> closed.add("console"));
            env.close();
            env.close();
            assertEquals(java.util.List.of("console", "worker, while Postgres is up"), closed);
        }

        printed.reset();
        try (DemoEnvironment again = DemoEnvironment.start(options.withWorkload(false))) {
            assertEquals(catalogUrl, again.catalogUrl(), "same port, so stored URLs stay valid");
            try (Connection c = again.server().connect("shop")) {
                assertEquals(customersAtStop, count(c, "customers"), "kept, not re-seeded");
            }
            assertEquals(1, new PipeRepository(again.catalog().dataSource()).list().size());
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("from an earlier run"));
            assertEquals(0, again.workload().rowsWritten());
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        return scalar(c, "SELECT count(*) FROM " + table);
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
