package dev.pipedeck.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.demo.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker whose catalog server is stopped says so once, backs off instead of trying (and warning) every poll, and
 * says once that the catalog answers again after it is back. Real Postgres, stopped and started on the same port.
 */
class WorkerCatalogOutageTest {
    @Test
    void aCatalogOutageIsLoggedOnceWithBackOffAndItsEndOnce(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("catalog-pg");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, port);
        Logger log = (Logger) LoggerFactory.getLogger(Worker.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        Level before = log.getLevel();
        log.setLevel(Level.WARN);
        try {
            server.ensureDatabase("cat");
            try (Catalog catalog = Catalog.open(server.jdbcUrl("cat") + "?user=postgres");
                 Worker worker = new Worker(catalog, new SecretBox("k".getBytes(StandardCharsets.UTF_8)), "w",
                         DefaultConnectors.create(), EngineFixture.fastOptions())) {
                worker.start();
                Thread.sleep(1_000);
                events.list.clear();

                server.close();
                // polls every 200 ms: without back-off this would be about 40 attempts, each one a warning
                Thread.sleep(8_000);
                List<String> down = messages(events);
                assertEquals(1, down.stream().filter(m -> m.contains("could not read the catalog")).count(), down.toString());
                assertTrue(down.stream().filter(m -> m.contains("could not write its heartbeat")).count() <= 1, down.toString());

                server = EmbeddedPostgresServer.start(data, port);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (messages(events).stream().noneMatch(m -> m.contains("the catalog answers again"))) {
                    assertTrue(System.nanoTime() < deadline, "no recovery logged within 60 s: " + messages(events));
                    Thread.sleep(100);
                }
                Thread.sleep(1_000);
                List<String> all = messages(events);
                assertEquals(1, all.stream().filter(m -> m.contains("the catalog answers again")).count(), all.toString());
                assertEquals(1, all.stream().filter(m -> m.contains("could not read the catalog")).count(), all.toString());
            }
        } finally {
            log.detachAppender(events);
            log.setLevel(before);
            server.close();
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> events) {
        synchronized (events.list) {
            return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
