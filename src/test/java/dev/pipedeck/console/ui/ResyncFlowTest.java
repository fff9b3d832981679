package dev.pipedeck.console.ui;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.console.common.CatalogBackend;
import dev.pipedeck.console.common.ResyncChoice;
import javafx.scene.control.ComboBox;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Tooltip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resync… on Settings, on the real window and a real catalog: the whole pipe or one table, the confirmation says what
 * happens, Cancel changes nothing, and the button follows the lifecycle table in every status.
 */
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

    private String resyncTooltip() {
        Object tip = lookup("#resyncWrapper").query().getProperties().get("javafx.scene.control.Tooltip");
        assertTrue(tip instanceof Tooltip, String.valueOf(tip));
        return ((Tooltip) tip).getText();
    }

    @Test
    void resyncOfOneTableOfARunningPipeKeepsItRunningAndCancelChangesNothing() {
        openSettings("billing", "Running");
        assertFalse(lookup("#resyncButton").queryButton().isDisabled(), "one table can be resynced while running");
        assertEquals("Copy one table afresh while the other tables keep streaming (the whole pipe is resynced while paused)",
                resyncTooltip());
        clickOn("#resyncButton");
        waitUntil(5, () -> "Resync pipe billing?".equals(dialogHeader()));
        assertTrue(lookup("#resyncWholePipe").queryAs(RadioButton.class).isDisabled(), "the whole pipe only while paused or failed");
        assertTrue(lookup("#resyncOneTable").queryAs(RadioButton.class).isSelected());
        assertTrue(text("#resyncNote").startsWith("The whole pipe is resynced while it is paused or failed: pause the pipe first"),
                text("#resyncNote"));
        @SuppressWarnings("unchecked")
        ComboBox<ResyncChoice> table = lookup("#resyncTableChoice").queryAs(ComboBox.class);
        assertEquals("public.orders", table.getValue().label());
        interact(() -> table.getSelectionModel().select(1));
        String text = dialogText();
        assertTrue(text.startsWith("Resyncing table public.customers copies it afresh now, while the other tables keep streaming"),
                text);
        assertTrue(text.contains("into a shadow table next to customers"), text);
        assertTrue(text.contains("changes made to public.customers while it is copied reach the copy too"), text);
        assertTrue(text.contains("between two batches the copy replaces customers at once"), text);
        assertTrue(text.contains("customers stays readable throughout"), text);
        clickOn(dialogButton("Cancel"));
        sleep(300);
        Pipe billing = catalog.pipe("billing");
        assertTrue(catalog.pipes.resyncs().pendingTable(billing.id()).isEmpty(), "Cancel requests nothing");
        assertTrue(catalog.catalogAudit("billing", "resync").isEmpty());

        clickOn("#resyncButton");
        waitUntil(5, () -> "Resync pipe billing?".equals(dialogHeader()));
        @SuppressWarnings("unchecked")
        ComboBox<ResyncChoice> again = lookup("#resyncTableChoice").queryAs(ComboBox.class);
        interact(() -> again.getSelectionModel().select(1));
        clickOn(dialogButton("Resync"));
        waitUntil(10, () -> catalog.pipes.resyncs().pendingTable(billing.id()).isPresent());
        assertEquals(new TableRef("public", "customers"), catalog.pipes.resyncs().pendingTable(billing.id()).orElseThrow());
        assertFalse(catalog.pipes.resyncs().pending(billing.id()), "not a resync of the whole pipe");
        assertEquals(PipeStatus.RUNNING, catalog.pipe("billing").status(), "the pipe keeps running");
        List<AuditEvent> resyncs = catalog.catalogAudit("billing", "resync");
        assertEquals(1, resyncs.size());
        assertEquals(Actor.Kind.CONSOLE, resyncs.get(0).actor().kind());
        assertTrue(resyncs.get(0).message().contains("public.customers"), resyncs.get(0).message());
        waitUntil(PERIOD.toSeconds() + 5, () -> lookup("#pendingWorkLabel").query().isVisible());
        assertEquals("Resync of table public.customers under way: copied afresh while the other tables keep streaming.",
                text("#pendingWorkLabel"));
        assertEquals("Running", text("#settingsStatus"));
        assertTrue(catalog.pipes.resyncs().pendingTable(catalog.pipe("shop-demo").id()).isEmpty(), "the other pipe is untouched");
    }

    @Test
    void theResyncAndEditButtonsFollowTheLifecycleInEveryStatus() {
        openSettings("billing", "Running");
        // status shown, desired state stored, Resync… on?, its tooltip, Edit… on?
        record Case(PipeStatus status, String desired, String label, boolean resync, String resyncTip, boolean edit) {}
        List<Case> cases = List.of(
                new Case(PipeStatus.PAUSED, "PAUSED", "Paused", true,
                        "Copy the whole pipe, or one of its tables, afresh into shadow tables, swapped in when complete", true),
                new Case(PipeStatus.FAILED, "RUNNING", "Failed", true,
                        "Copy the pipe afresh: new slot, full copy into shadow tables, swapped in when complete", false),
                new Case(PipeStatus.RUNNING, "PAUSED", "Pausing", false,
                        "The whole pipe: the pipe is still pausing; resync it once it is paused. One table: wait until the "
                                + "pipe is running or paused, then resync the table.", false),
                new Case(PipeStatus.MODIFYING, "RUNNING", "Modifying", false,
                        "The whole pipe: pause the pipe first: a resync replaces every table with a fresh copy. One table: "
                                + "wait until the pipe is running or paused, then resync the table.", false),
                new Case(PipeStatus.RESYNCING, "RUNNING", "Resyncing", false, "The pipe is already being resynced.", false),
                new Case(PipeStatus.SNAPSHOT, "RUNNING", "Snapshot", false,
                        "The whole pipe: pause the pipe first: a resync replaces every table with a fresh copy. One table: "
                                + "wait until the pipe is running or paused, then resync the table.", false),
                new Case(PipeStatus.RUNNING, "RUNNING", "Running", true,
                        "Copy one table afresh while the other tables keep streaming (the whole pipe is resynced while paused)",
                        false),
                new Case(PipeStatus.DELETING, "DELETED", "Deleting", false, "The pipe is being deleted.", false));
        for (Case c : cases) {
            catalog.force("billing", c.status(), c.desired());
            waitUntil(PERIOD.toSeconds() + 5, () -> c.label().equals(text("#settingsStatus")));
            assertEquals(!c.resync(), lookup("#resyncButton").queryButton().isDisabled(), c.toString());
            assertEquals(c.resyncTip(), resyncTooltip(), c.toString());
            assertEquals(!c.edit(), lookup("#editButton").queryButton().isDisabled(), c.toString());
        }
    }
}
