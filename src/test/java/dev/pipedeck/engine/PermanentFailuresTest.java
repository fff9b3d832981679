package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.PipeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each permanent failure ends in FAILED with a reason that says what to do, while the same worker keeps serving a
 * healthy pipe; resuming a FAILED pipe retries from the last confirmed position.
 */
class PermanentFailuresTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void permanentFailuresFailThePipeWithAReasonAndOtherPipesKeepRunning(@TempDir Path dir) throws Exception {
        try (EngineFixture f = new EngineFixture("permanent")) {
            f.sql(OrdersTable.DDL,
                    "CREATE TABLE no_pk (a int, b text)",
                    "CREATE TABLE doomed (id int PRIMARY KEY, v text)",
                    "INSERT INTO doomed VALUES (1, 'a')",
                    "CREATE ROLE cannot_login NOLOGIN");
            f.createPipe("healthy", "duckdb:" + dir.resolve("healthy.duckdb"), "public.orders", 1_000, Duration.ofMillis(100));
            f.createPipe("nopk", "duckdb:" + dir.resolve("nopk.duckdb"), "public.no_pk", 1_000, Duration.ofMillis(100));
            f.createPipe("missing", "duckdb:" + dir.resolve("missing.duckdb"), "public.not_there", 1_000, Duration.ofMillis(100));
            f.control.create(new PipeSpec("nologin", f.sourceUrl().replace("user=postgres", "user=cannot_login"),
                    "duckdb:" + dir.resolve("nologin.duckdb"), TableMapping.parseList("public.orders"), 1_000,
                    Duration.ofMillis(100), 1), EngineFixture.TEST);
            f.createPipe("slotgone", "duckdb:" + dir.resolve("slotgone.duckdb"), "public.doomed", 1_000, Duration.ofMillis(100));
            f.startWorker("w1");

            Pipe nopk = f.waitForStatus("nopk", PipeStatus.FAILED, WAIT);
            assertTrue(nopk.statusReason().contains("no_pk") && nopk.statusReason().contains("ADD PRIMARY KEY"), nopk.statusReason());
            Pipe missing = f.waitForStatus("missing", PipeStatus.FAILED, WAIT);
            assertTrue(missing.statusReason().contains("not_there"), missing.statusReason());
            Pipe nologin = f.waitForStatus("nologin", PipeStatus.FAILED, WAIT);
            assertTrue(nologin.statusReason().toLowerCase().contains("cannot_login")
                    || nologin.statusReason().toLowerCase().contains("log in"), nologin.statusReason());
            assertTrue(!nologin.statusReason().contains("password="), "no credentials in the reason");

            // a slot dropped behind the pipe's back while it is paused: the monitor fails it
            Pipe slotgone = f.waitForStatus("slotgone", PipeStatus.RUNNING, WAIT);
            f.control.pause("slotgone", EngineFixture.TEST);
            f.waitForStatus("slotgone", PipeStatus.PAUSED, WAIT);
            f.sql("SELECT pg_drop_replication_slot('" + slotgone.slotName() + "')");
            Pipe failed = f.waitForStatus("slotgone", PipeStatus.FAILED, WAIT);
            assertTrue(failed.statusReason().contains(slotgone.slotName()) && failed.statusReason().contains("pipedeck pipe resync slotgone"),
                    failed.statusReason());

            // a dropped publication fails a running pipe
            f.waitForStatus("healthy", PipeStatus.RUNNING, WAIT);
            Pipe healthy = f.pipe("healthy");
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 0, 100);
            }
            long synced = healthy.rowsSynced();
            f.waitFor("healthy", p -> p.rowsSynced() >= synced + 100, WAIT, "rows synced while other pipes failed");

            // resume of a FAILED pipe retries: fix the cause first
            f.sql("ALTER TABLE no_pk ADD PRIMARY KEY (a)");
            f.control.resume("nopk", EngineFixture.TEST);
            f.waitForStatus("nopk", PipeStatus.RUNNING, WAIT);

            f.sql("DROP PUBLICATION \"" + healthy.publicationName() + "\"");
            try (Connection c = f.source()) {
                OrdersTable.insert(c, 1_000, 10);
            }
            Pipe pubGone = f.waitForStatus("healthy", PipeStatus.FAILED, WAIT);
            assertTrue(pubGone.statusReason().contains(healthy.publicationName()) || pubGone.statusReason().toLowerCase().contains("publication"),
                    pubGone.statusReason());
            assertEquals(PipeStatus.RUNNING, f.pipe("nopk").status(), "the worker still serves the other pipe");
        }
    }
}
