package dev.pipedeck.console.ui;

import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.common.CatalogBackend;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator workflow of the pause/resume guide, on the real window and a real catalog. */
class PauseResumeFlowTest extends WindowTestBase {
    static final Duration PERIOD = Duration.ofSeconds(2);
    private CatalogFixture catalog;
    private FakeEngine engine;

    @BeforeEach
    void catalog() {
        catalog = new CatalogFixture("console_flow");
        catalog.runningPipe("shop-demo", 340 * CatalogFixture.MB);
        catalog.runningPipe("billing", 12 * CatalogFixture.MB);
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        catalog.close();
    }

    @Test
    void pauseFlowAsInTheGuide() {
        open(new CatalogBackend(catalog.catalog), PERIOD);
        // 1. Data Sources: click the pipe
        clickPipe("shop-demo");
        waitUntil(5, () -> stage.getTitle().equals("shop-demo — PipeDeck"));
        // 2. Settings tab
        clickTab("Settings");
        waitUntil(5, () -> "Running".equals(text("#settingsStatus")));
        Button pause = lookup("#pauseButton").queryButton();
        Button resume = lookup("#resumeButton").queryButton();
        assertFalse(pause.isDisabled());
        assertTrue(resume.isDisabled());
        // 3. Pause → 4. confirmation dialog → Pause
        clickOn("#pauseButton");
        assertEquals("Pause pipe shop-demo?", dialogHeader());
        assertTrue(dialogText().contains("replication slot " + catalog.pipe("shop-demo").slotName() + ", which now retains 340 MB of WAL"), dialogText());
        engine = new FakeEngine(catalog.pipes, 700);
        clickOn(dialogButton("Pause"));
        // the request is taken at once: Pausing; Pause is off, Resume would withdraw the pending pause (as in the CLI)
        waitUntil(3, () -> "Pausing".equals(text("#settingsStatus")));
        assertTrue(pause.isDisabled());
        assertFalse(resume.isDisabled());
        // 5. Metrics: Paused within one refresh period after the engine reports it
        clickTab("Metrics");
        waitUntil(10, () -> engine.reported.containsKey("shop-demo:PAUSED"));
        Instant reported = engine.reported.get("shop-demo:PAUSED");
        waitUntil(PERIOD.toSeconds() + 3, () -> "Paused".equals(text("#metricsStatus")));
        long lag = Duration.between(reported, Instant.now()).toMillis();
        // one period, plus the time of the read itself on a busy build machine
        assertTrue(lag <= PERIOD.toMillis() + 1500, "Paused shown " + lag + " ms after the engine reported it");
        assertTrue(lookup("#slotWarning").queryAs(Label.class).isVisible());
        assertTrue(text("#consistentLabel").startsWith("Destination consistent as of"), text("#consistentLabel"));
        // exactly one request, by the console
        List<AuditEvent> pauses = catalog.catalogAudit("shop-demo", "pause");
        assertEquals(1, pauses.size());
        assertEquals(dev.pipedeck.catalog.Actor.Kind.CONSOLE, pauses.get(0).actor().kind());
        assertEquals(DesiredState.RUNNING, catalog.pipe("billing").desiredState(), "the other pipe is untouched");
    }

    @Test
    void resumeFlowAsInTheGuide() {
        catalog.force("shop-demo", PipeStatus.PAUSED, "PAUSED");
        open(new CatalogBackend(catalog.catalog), PERIOD);
        clickPipe("shop-demo");
        clickTab("Settings");
        waitUntil(5, () -> "Paused".equals(text("#settingsStatus")));
        assertTrue(lookup("#pauseButton").queryButton().isDisabled());
        assertFalse(lookup("#resumeButton").queryButton().isDisabled());
        clickOn("#resumeButton");
        assertEquals("Resume pipe shop-demo?", dialogHeader());
        assertTrue(dialogText().startsWith("12 MB of backlog will be replayed"), dialogText());
        engine = new FakeEngine(catalog.pipes, 700);
        clickOn(dialogButton("Resume"));
        waitUntil(3, () -> "Resuming".equals(text("#settingsStatus")));
        clickTab("Metrics");
        waitUntil(10, () -> engine.reported.containsKey("shop-demo:RUNNING"));
        waitUntil(PERIOD.toSeconds() + 2, () -> "Running".equals(text("#metricsStatus")));
        assertFalse(lookup("#slotWarning").queryAs(Label.class).isVisible());
        assertEquals(1, catalog.catalogAudit("shop-demo", "resume").size());
    }

    @Test
    void cancelChangesNothing() {
        open(new CatalogBackend(catalog.catalog), PERIOD);
        clickPipe("shop-demo");
        clickTab("Settings");
        waitUntil(5, () -> "Running".equals(text("#settingsStatus")));
        clickOn("#pauseButton");
        clickOn(dialogButton("Cancel"));
        sleep(300);
        assertEquals("Running", text("#settingsStatus"));
        assertEquals(DesiredState.RUNNING, catalog.pipe("shop-demo").desiredState());
        assertTrue(catalog.catalogAudit("shop-demo", "pause").isEmpty());
        assertFalse(lookup("#pauseButton").queryButton().isDisabled());
    }
}
