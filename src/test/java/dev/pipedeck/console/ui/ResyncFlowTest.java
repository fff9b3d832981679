package dev.pipedeck.console.ui;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.common.CatalogBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resync… on Settings, on the real window and a real catalog: the confirmation says what happens; Cancel changes nothing. */
class ResyncFlowTest extends WindowTestBase {
    static final Duration PERIOD = Duration.ofSeconds(2);
    private CatalogFixture catalog;

    @BeforeEach
    void catalog() {
        catalog = new CatalogFixture("console_resync");
        catalog.runningPipe("shop-demo", 340 * CatalogFixture.MB);
        catalog.runningPipe("billing", 12 * CatalogFixture.MB);
    }

    @AfterEach
    void stop() {
        catalog.close();
    }

    private void openSettings(String pipe, String status) {
        open(new CatalogBackend(catalog.catalog), PERIOD);
        clickPipe(pipe);
        clickTab("Settings");
        waitUntil(5, () -> status.equals(text("#settingsStatus")));
    }

    @Test
    void resyncOfAPausedPipeSaysWhatHappensAndCancelChangesNothing() {
        catalog.force("shop-demo", PipeStatus.PAUSED, "PAUSED");
        openSettings("shop-demo", "Paused");
        assertFalse(lookup("#resyncButton").queryButton().isDisabled());
        clickOn("#resyncButton");
        waitUntil(5, () -> "Resync pipe shop-demo?".equals(dialogHeader()));
        String text = dialogText();
        String slot = catalog.pipe("shop-demo").slotName();
        assertTrue(text.contains("replication slot " + slot + " is dropped (if it still exists) and created again"), text);
        assertTrue(text.contains("shadow table (orders_resync, customers_resync)"), text);
        assertTrue(text.contains("replace the old tables at once"), text);
        assertTrue(text.contains("How long the copy takes is not known yet"), text);
        clickOn(dialogButton("Cancel"));
        sleep(300);
        assertEquals("Paused", text("#settingsStatus"));
        assertEquals(PipeStatus.PAUSED, catalog.pipe("shop-demo").status());
        assertTrue(catalog.catalogAudit("shop-demo", "resync").isEmpty(), "Cancel requests nothing");

        clickOn("#resyncButton");
        waitUntil(5, () -> "Resync pipe shop-demo?".equals(dialogHeader()));
        clickOn(dialogButton("Resync"));
        waitUntil(10, () -> catalog.pipe("shop-demo").status() == PipeStatus.RESYNCING);
        assertEquals(DesiredState.RUNNING, catalog.pipe("shop-demo").desiredState());
        waitUntil(PERIOD.toSeconds() + 3, () -> "Resyncing".equals(text("#settingsStatus")));
        List<AuditEvent> resyncs = catalog.catalogAudit("shop-demo", "resync");
        assertEquals(1, resyncs.size());
        assertEquals(Actor.Kind.CONSOLE, resyncs.get(0).actor().kind());
        assertEquals("PAUSED", resyncs.get(0).fromState());
        assertEquals("RESYNCING", resyncs.get(0).toState());
        assertTrue(lookup("#resyncButton").queryButton().isDisabled(), "a second resync is not offered while one runs");
        assertEquals(PipeStatus.RUNNING, catalog.pipe("billing").status(), "the other pipe is untouched");
    }

    @Test
    void resyncIsOffWhileRunningAndSaysWhy() {
        openSettings("billing", "Running");
        assertTrue(lookup("#resyncButton").queryButton().isDisabled());
        Object tip = lookup("#resyncWrapper").query().getProperties().get("javafx.scene.control.Tooltip");
        assertTrue(tip instanceof javafx.scene.control.Tooltip, String.valueOf(tip));
        assertEquals("Pause the pipe first: a resync replaces every table with a fresh copy.",
                ((javafx.scene.control.Tooltip) tip).getText());
    }
}
