package dev.pipedeck.console.ui;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.common.CatalogBackend;
import dev.pipedeck.console.settings.HistoryRow;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delete… (with the typed name) and History on Settings, on the real window and a real catalog. */
class SettingsLifecycleFlowTest extends WindowTestBase {
    static final Duration PERIOD = Duration.ofSeconds(2);
    private CatalogFixture catalog;

    @BeforeEach
    void catalog() {
        catalog = new CatalogFixture("console_lifecycle");
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

    @SuppressWarnings("unchecked")
    private TableView<HistoryRow> history() {
        return lookup("#historyTable").queryAs(TableView.class);
    }

    @Test
    void deleteNeedsTheTypedNameAndCancelOrAWrongNameChangesNothing() {
        openSettings("shop-demo", "Running");
        clickOn("#deleteButton");
        assertEquals("Delete pipe shop-demo?", dialogHeader());
        String slot = catalog.pipe("shop-demo").slotName();
        // the fixture's pipe never created its slot (the slot case is in SettingsViewModelTest)
        assertTrue(dialogText().contains("nothing on the source: no replication slot or publication was created yet"), dialogText());
        assertTrue(dialogText().contains("catalog entry"), dialogText());
        assertTrue(dialogText().contains("keeps the destination tables orders, customers"), dialogText());
        Button delete = dialogButton("Delete");
        assertTrue(delete.isDisabled(), "Delete is off until the name is typed");
        clickOn("#typedConfirmationField").write("shop-dem");
        assertTrue(delete.isDisabled(), "a wrong name keeps it off");
        clickOn(dialogButton("Cancel"));
        sleep(300);
        assertEquals("Running", text("#settingsStatus"));
        assertTrue(catalog.pipes.find("shop-demo").isPresent(), "Cancel deletes nothing");
        assertTrue(catalog.catalogAudit("shop-demo", "delete").isEmpty());
        assertEquals(slot, catalog.pipe("shop-demo").slotName());

        clickOn("#deleteButton");
        Button again = dialogButton("Delete");
        clickOn("#typedConfirmationField").write("shop-demo");
        waitUntil(2, () -> !again.isDisabled());
        clickOn(again);
        // no live worker owns it, so the console deletes it itself; the Settings tab then has no pipe to show
        waitUntil(10, () -> catalog.pipes.find("shop-demo").isEmpty());
        waitUntil(PERIOD.toSeconds() + 3, () -> lookup("#noPipeLabel").query().isVisible());
        List<dev.pipedeck.catalog.AuditEvent> deletes = catalog.catalogAudit("shop-demo", "delete");
        assertEquals(1, deletes.size());
        assertEquals(Actor.Kind.CONSOLE, deletes.get(0).actor().kind());
        assertTrue(catalog.pipes.find("billing").isPresent(), "the other pipe is untouched");
    }

    @Test
    void deleteIsOffWhileThePipeIsBeingDeletedAndSaysWhy() {
        catalog.force("shop-demo", PipeStatus.DELETING, "DELETED");
        openSettings("shop-demo", "Deleting");
        assertTrue(lookup("#deleteButton").queryButton().isDisabled());
        assertTrue(lookup("#pauseButton").queryButton().isDisabled());
        assertTrue(lookup("#resumeButton").queryButton().isDisabled());
    }

    @Test
    void historyShowsWhoWhenFromWhereAndTheChangeNewestFirst() {
        openSettings("shop-demo", "Running");
        waitUntil(5, () -> history().getItems().size() >= 2);
        HistoryRow oldest = history().getItems().get(history().getItems().size() - 1);
        assertEquals("Create", oldest.action());
        assertEquals("Test", oldest.where());

        // a pause from the window shows up at the top, after Cancel added nothing
        int before = history().getItems().size();
        clickOn("#pauseButton");
        clickOn(dialogButton("Cancel"));
        sleep(PERIOD.toMillis() + 500);
        assertEquals(before, history().getItems().size(), "Cancel records nothing");
        clickOn("#pauseButton");
        clickOn(dialogButton("Pause"));
        waitUntil(PERIOD.toSeconds() + 5, () -> history().getItems().size() == before + 1);
        HistoryRow top = history().getItems().get(0);
        assertEquals("Pause", top.action());
        assertEquals("Console", top.where());
        assertEquals("Running → Pausing", top.change());
        assertEquals(System.getProperty("user.name"), top.who().substring(0, top.who().indexOf('@')));
        assertTrue(top.message().startsWith("pause requested by"), top.message());
        // and the table on screen shows it
        assertTrue(lookup(".table-cell").match((javafx.scene.control.Labeled l) -> "Running → Pausing".equals(l.getText()))
                .tryQuery().isPresent());
        assertFalse(lookup("#historyErrorLabel").query().isVisible());
    }

    @Test
    void editChangesTheBatchSettingsOfAPausedPipeAndCancelChangesNothing() {
        catalog.force("shop-demo", PipeStatus.PAUSED, "PAUSED");
        openSettings("shop-demo", "Paused");
        assertFalse(lookup("#editButton").queryButton().isDisabled());
        clickOn("#editButton");
        assertEquals("Edit pipe shop-demo", dialogHeader());
        // the fixture's source (db.internal) cannot be reached: the picker says so, the batch settings still work
        waitUntil(60, () -> text("#sourceStatusLabel").startsWith("Could not list the tables of the source db.internal:5432/shop: "));
        assertTrue(text("#sourceStatusLabel").contains("Tables can still be removed"), text("#sourceStatusLabel"));
        assertFalse(text("#sourceStatusLabel").contains("Exception"), text("#sourceStatusLabel"));
        TextField batch = lookup("#editBatchSizeField").queryAs(TextField.class);
        TextField interval = lookup("#editSyncIntervalField").queryAs(TextField.class);
        assertEquals("10000", batch.getText());
        assertEquals("1000", interval.getText());
        doubleClickOn(batch).write("2500");
        clickOn(dialogButton("Cancel"));
        sleep(300);
        assertEquals(10_000, catalog.pipe("shop-demo").batchSize(), "Cancel changes nothing");
        assertTrue(catalog.catalogAudit("shop-demo", "edit").isEmpty());

        clickOn("#editButton");
        TextField batchAgain = lookup("#editBatchSizeField").queryAs(TextField.class);
        TextField intervalAgain = lookup("#editSyncIntervalField").queryAs(TextField.class);
        doubleClickOn(batchAgain).write("2500");
        doubleClickOn(intervalAgain).write("250");
        clickOn(dialogButton("Save"));
        waitUntil(10, () -> catalog.pipe("shop-demo").batchSize() == 2_500);
        assertEquals(Duration.ofMillis(250), catalog.pipe("shop-demo").syncInterval());
        List<dev.pipedeck.catalog.AuditEvent> edits = catalog.catalogAudit("shop-demo", "edit");
        assertEquals(1, edits.size());
        assertEquals(Actor.Kind.CONSOLE, edits.get(0).actor().kind());
        assertTrue(edits.get(0).message().contains("batch size 10,000 -> 2,500 rows"), edits.get(0).message());
        waitUntil(PERIOD.toSeconds() + 3, () -> "2,500 rows".equals(text("#batchSizeLabel")));
        waitUntil(PERIOD.toSeconds() + 3, () -> history().getItems().size() > 0 && "Edit".equals(history().getItems().get(0).action()));
    }

    @Test
    void editIsOffWhileRunningAndSaysWhy() {
        openSettings("billing", "Running");
        assertTrue(lookup("#editButton").queryButton().isDisabled());
        // the reason sits on the wrapper: a disabled button gets no mouse events, so its own tooltip would never show
        Object tip = lookup("#editWrapper").query().getProperties().get("javafx.scene.control.Tooltip");
        assertTrue(tip instanceof javafx.scene.control.Tooltip, String.valueOf(tip));
        assertEquals("Pause the pipe first: tables and sync settings are changed while it is paused.",
                ((javafx.scene.control.Tooltip) tip).getText());
    }

    @Test
    void typedFieldStartsEmpty() {
        openSettings("billing", "Running");
        clickOn("#deleteButton");
        TextField field = lookup("#typedConfirmationField").queryAs(TextField.class);
        assertEquals("", field.getText());
        clickOn(dialogButton("Cancel"));
    }
}
