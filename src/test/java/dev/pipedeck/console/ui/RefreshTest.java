package dev.pipedeck.console.ui;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.PipeNotifications;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.common.CatalogBackend;
import dev.pipedeck.console.common.ConsoleBackend;
import dev.pipedeck.console.common.ConsoleData;
import dev.pipedeck.control.ControlResult;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refresh on demand, on notification, and while the catalog is away. */
class RefreshTest extends WindowTestBase {
    /** Long enough that nothing in these tests is explained by the periodic refresh. */
    static final Duration SLOW = Duration.ofSeconds(60);
    private static CatalogFixture catalog;

    @BeforeAll
    static void catalog() {
        catalog = new CatalogFixture("console_refresh");
        catalog.runningPipe("shop-demo", 340 * CatalogFixture.MB);
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    private void engineSets(PipeStatus status) {
        catalog.pipes.updateStatus(catalog.pipe("shop-demo").id(), status, "test", Actor.of(Actor.Kind.ENGINE));
    }

    private String metricsStatus() {
        return text("#metricsStatus");
    }

    @Test
    void refreshButtonAndF5ReadAtOnce() {
        engineSets(PipeStatus.RUNNING);
        open(new CatalogBackend(catalog.catalog), SLOW);
        clickPipe("shop-demo");
        clickTab("Metrics");
        waitUntil(5, () -> "Running".equals(metricsStatus()));
        assertTrue(text("#updatedLabel").startsWith("Updated "), text("#updatedLabel"));

        engineSets(PipeStatus.FAILED);
        sleep(300);
        assertEquals("Running", metricsStatus(), "no periodic refresh within a minute");
        clickOn("#refreshButton");
        waitUntil(3, () -> "Failed".equals(metricsStatus()));

        engineSets(PipeStatus.RUNNING);
        press(KeyCode.F5).release(KeyCode.F5);
        waitUntil(3, () -> "Running".equals(metricsStatus()));
    }

    @Test
    void catalogNotificationShowsAStatusChangeWithoutWaitingForTheNextTick() {
        engineSets(PipeStatus.RUNNING);
        open(new CatalogBackend(catalog.catalog), SLOW);
        PipeNotifications n = PipeNotifications.start(catalog.url, name -> Platform.runLater(window.state()::refreshNow));
        try {
                        clickPipe("shop-demo");
            clickTab("Metrics");
            waitUntil(5, () -> "Running".equals(metricsStatus()));
            sleep(1500); // the listener connects
            engineSets(PipeStatus.FAILED);
            waitUntil(5, () -> "Failed".equals(metricsStatus()));
        } finally {
            n.close();
            engineSets(PipeStatus.RUNNING);
        }
    }

    @Test
    void aPipeThatFailsRaisesOneDesktopNotification() {
        engineSets(PipeStatus.RUNNING);
        java.util.List<dev.pipedeck.console.common.PipeAlerts.Alert> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        open(new CatalogBackend(catalog.catalog), Duration.ofMillis(300), w -> w.notifier(shown::add));
        waitUntil(5, () -> text("#updatedLabel").startsWith("Updated"));
        sleep(400);
        assertTrue(shown.isEmpty());
        engineSets(PipeStatus.FAILED);
        waitUntil(5, () -> !shown.isEmpty());
        sleep(800);
        assertEquals(1, shown.size());
        assertEquals("Pipe shop-demo failed", shown.get(0).title());
        engineSets(PipeStatus.RUNNING);
    }

    @Test
    void unreachableCatalogShowsABannerKeepsTheDataAndRecovers() {
        engineSets(PipeStatus.RUNNING);
        SwitchableBackend backend = new SwitchableBackend(new CatalogBackend(catalog.catalog));
        open(backend, Duration.ofMillis(500));
        clickPipe("shop-demo");
        Label banner = lookup("#banner").queryAs(Label.class);
        assertFalse(banner.isVisible());

        backend.down = true;
        waitUntil(5, () -> banner.isVisible());
        sleep(100);
        assertTrue(banner.getText().startsWith("Catalog unreachable — retrying"), banner.getText());
        TableView<?> table = lookup("#pipesTable").queryAs(TableView.class);
        assertEquals(1, table.getItems().size(), "the last data stays on screen");
        // the window still answers while the refresh backs off
        clickTab("Settings");
        assertEquals("shop-demo", text("#nameLabel"));

        backend.down = false;
        clickOn("#refreshButton");
        waitUntil(5, () -> !banner.isVisible());
    }

    /** The catalog backend, or a catalog that refuses every connection. */
    static class SwitchableBackend implements ConsoleBackend {
        final ConsoleBackend real;
        volatile boolean down;

        SwitchableBackend(ConsoleBackend real) {
            this.real = real;
        }

        @Override
        public ConsoleData load(String selectedPipe) {
            if (down) {
                throw new dev.pipedeck.catalog.CatalogException("could not list pipes: the catalog database is unreachable");
            }
            return real.load(selectedPipe);
        }

        @Override
        public ControlResult pause(String pipeName, Actor actor) {
            return real.pause(pipeName, actor);
        }

        @Override
        public ControlResult resume(String pipeName, Actor actor) {
            return real.resume(pipeName, actor);
        }

        @Override
        public ControlResult edit(String pipeName, Integer batchSize, java.time.Duration syncInterval, Actor actor) {
            return real.edit(pipeName, batchSize, syncInterval, actor);
        }

        @Override
        public ControlResult resync(String pipeName, Actor actor) {
            return real.resync(pipeName, actor);
        }

        @Override
        public java.util.Optional<java.time.Duration> lastCopy(String pipeName) {
            return real.lastCopy(pipeName);
        }

        @Override
        public ControlResult delete(String pipeName, Actor actor) {
            return real.delete(pipeName, actor);
        }

        @Override
        public java.util.List<dev.pipedeck.catalog.AuditEvent> history(String pipeName, int limit) {
            if (down) {
                throw new dev.pipedeck.catalog.CatalogException("could not read the history: the catalog database is unreachable");
            }
            return real.history(pipeName, limit);
        }
    }
}
