package dev.pipedeck.console.ui;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.NewPipe;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.console.common.CatalogBackend;
import dev.pipedeck.console.datasources.PipeItem;
import dev.pipedeck.console.settings.HistoryRow;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.testing.TestPostgres;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edit… on Settings with its table picker, on the real window, a real catalog and a real source database: tables
 * added and removed reach the catalog and the History, Resume then shows Modifying; a table without a primary key is
 * refused with the sentence in the dialog; Cancel changes nothing.
 */
class TableEditFlowTest extends WindowTestBase {
    static final Duration PERIOD = Duration.ofSeconds(2);
    private static final TableRef ORDERS = new TableRef("public", "orders");
    private static final TableRef CUSTOMERS = new TableRef("public", "customers");
    private static final TableRef ITEMS = new TableRef("public", "items");

    @TempDir
    Path dir;
    private CatalogFixture catalog;

    @BeforeEach
    void catalogAndSource() throws Exception {
        catalog = new CatalogFixture("console_table_edit");
        String source = TestPostgres.newDatabase("console_table_edit_src");
        try (Connection c = TestPostgres.connect(source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY, note text)");
            s.execute("CREATE TABLE public.customers (id bigint PRIMARY KEY, name text)");
            s.execute("CREATE TABLE public.items (id bigint PRIMARY KEY, sku text)");
            s.execute("CREATE TABLE public.nokey (id int, v text)");
            s.execute("INSERT INTO public.items SELECT g, 'sku-' || g FROM generate_series(1, 50) g");
        }
        // a paused pipe on that source, once claimed by a worker (so a resume with added tables goes through MODIFYING)
        String slot = PipeControl.slotName("shop-edit");
        Pipe p = catalog.pipes.insert(new NewPipe("shop-edit", TestPostgres.jdbcUrl(source) + "?user=postgres", "postgres", null,
                "duckdb:" + dir.resolve("shop-edit.duckdb"), null,
                List.of(new TableMapping(ORDERS, "orders"), new TableMapping(CUSTOMERS, "customers")),
                10_000, Duration.ofSeconds(1), 4, slot, slot, "alice@laptop (cli)"), Actor.of(Actor.Kind.TEST));
        catalog.pipes.setOwner(p.id(), "test-worker");
        catalog.force("shop-edit", PipeStatus.PAUSED, "PAUSED");
    }

    @AfterEach
    void stop() {
        catalog.close();
    }

    private void openEdit() {
        open(new CatalogBackend(catalog.catalog), PERIOD);
        clickPipe("shop-edit");
        clickTab("Settings");
        waitUntil(5, () -> "Paused".equals(text("#settingsStatus")));
        assertFalse(lookup("#editButton").queryButton().isDisabled());
        clickOn("#editButton");
        waitUntil(5, () -> "Edit pipe shop-edit".equals(dialogHeader()));
        // the picker lists the pipe's own source, read in the background
        waitUntil(20, () -> text("#sourceStatusLabel").startsWith("2 tables of "));
        waitUntil(5, () -> lookup(".add-table").queryAll().size() == 4);
    }

    private CheckBox box(String styleClass, String table) {
        return lookup("." + styleClass).match((CheckBox b) -> table.equals(b.getText())).queryAs(CheckBox.class);
    }

    private List<TableRef> captured() {
        return catalog.pipe("shop-edit").tables().stream().map(TableMapping::source).toList();
    }

    @SuppressWarnings("unchecked")
    private TableView<HistoryRow> history() {
        return lookup("#historyTable").queryAs(TableView.class);
    }

    @Test
    void editAddsATableRemovesOneAndResumeCopiesTheAddedOneFirst() {
        openEdit();
        assertTrue(box("add-table", "public.orders").isDisabled(), "a captured table cannot be added again");
        assertTrue(lookup(".label").match((Labeled l) -> l.getText() != null && l.getText().contains("captured already"))
                .tryQuery().isPresent());
        clickOn(box("add-table", "public.items"));
        TextField destination = lookup(".add-table-destination").match((TextField f) -> !f.isDisabled() && f.isVisible()).queryAs(TextField.class);
        clickOn(destination).write("line_items");
        clickOn(box("remove-table", "public.customers"));
        String summary = text("#editSummaryLabel");
        assertTrue(summary.contains("public.items (into line_items) is copied in full and then streams with the rest; only the "
                + "added tables are copied"), summary);
        assertTrue(summary.contains("its destination table customers is kept with its rows"), summary);
        clickOn(dialogButton("Save"));

        waitUntil(20, () -> captured().equals(List.of(ORDERS, ITEMS)));
        Pipe p = catalog.pipe("shop-edit");
        assertEquals("line_items", p.tables().get(1).destination());
        assertEquals(PipeStatus.PAUSED, p.status(), "an edit does not resume the pipe");
        assertEquals(List.of(new TableMapping(ITEMS, "line_items")), catalog.pipes.tableCopies().pending(p.id()));
        List<AuditEvent> edits = catalog.catalogAudit("shop-edit", "edit");
        assertEquals(1, edits.size());
        assertEquals(Actor.Kind.CONSOLE, edits.get(0).actor().kind());
        assertTrue(edits.get(0).message().contains("+public.items (into line_items), -public.customers"), edits.get(0).message());
        waitUntil(5, () -> lookup(".dialog-pane").tryQuery().isEmpty());
        waitUntil(PERIOD.toSeconds() + 5, () -> !history().getItems().isEmpty() && "Edit".equals(history().getItems().get(0).action()));
        waitUntil(PERIOD.toSeconds() + 5, () -> lookup("#pendingWorkLabel").query().isVisible());
        assertEquals("Tables added by an edit, copied when the pipe resumes: public.items → line_items.", text("#pendingWorkLabel"));
        waitUntil(PERIOD.toSeconds() + 5, () -> text("#tablesLabel").contains("public.items → line_items")
                && !text("#tablesLabel").contains("customers"));

        clickOn("#resumeButton");
        clickOn(dialogButton("Resume"));
        waitUntil(10, () -> catalog.pipe("shop-edit").status() == PipeStatus.MODIFYING);
        waitUntil(PERIOD.toSeconds() + 5, () -> "Modifying".equals(text("#settingsStatus")));
        waitUntil(PERIOD.toSeconds() + 5, () -> ("Copying the tables added by an edit: public.items → line_items (they stream "
                + "with the rest once copied).").equals(text("#pendingWorkLabel")));
        assertTrue(lookup("#editButton").queryButton().isDisabled(), "no second edit while one is applied");
        assertFalse(lookup("#pauseButton").queryButton().isDisabled(), "a long copy of added tables can be stopped");
        clickTab("Data Sources");
        waitUntil(PERIOD.toSeconds() + 5, () -> lookup(".status-modifying").match((Labeled l) -> "Modifying".equals(l.getText()))
                .tryQuery().map(Node::isVisible).orElse(false));
        // the line says why: the tables the edit added are copied first
        TableRow<?> row = lookup(".table-row-cell").match((TableRow<?> r) -> r.getItem() instanceof PipeItem i
                && "shop-edit".equals(i.name())).queryAs(TableRow.class);
        assertTrue(row.getTooltip().getText().startsWith("Modifying: resume requested by "), row.getTooltip().getText());
        assertTrue(row.getTooltip().getText().endsWith("(the tables added by the edit are copied first)"), row.getTooltip().getText());
    }

    @Test
    void aTableWithoutAPrimaryKeyIsRefusedInTheDialogAndCancelChangesNothing() {
        openEdit();
        assertTrue(lookup(".label").match((Labeled l) -> l.getText() != null && l.getText().endsWith("no primary key: add one to "
                + "replicate it")).tryQuery().isPresent(), () -> "the picker says which table cannot be replicated as it is: "
                + lookup(".list-cell .label").queryAllAs(Labeled.class).stream().map(Labeled::getText).toList());
        clickOn(box("add-table", "public.nokey"));
        clickOn(dialogButton("Save"));
        waitUntil(30, () -> lookup("#editErrorLabel").query().isVisible());
        String refusal = text("#editErrorLabel");
        assertTrue(refusal.startsWith("Nothing was changed: "), refusal);
        assertTrue(refusal.contains("public.nokey") && refusal.contains("ADD PRIMARY KEY"), refusal);
        assertFalse(refusal.contains("Exception"), refusal);
        assertEquals("Edit pipe shop-edit", dialogHeader(), "the dialog stays open");
        assertEquals(List.of(ORDERS, CUSTOMERS), captured());
        assertTrue(catalog.catalogAudit("shop-edit", "edit").isEmpty());

        // more changes, then Cancel: nothing is sent
        clickOn(box("add-table", "public.items"));
        clickOn(box("remove-table", "public.orders"));
        clickOn(dialogButton("Cancel"));
        waitUntil(5, () -> lookup(".dialog-pane").tryQuery().isEmpty());
        sleep(PERIOD.toMillis() + 500);
        assertEquals(List.of(ORDERS, CUSTOMERS), captured(), "Cancel changes nothing");
        Pipe p = catalog.pipe("shop-edit");
        assertFalse(catalog.pipes.tableCopies().any(p.id()));
        assertTrue(catalog.catalogAudit("shop-edit", "edit").isEmpty());
        assertEquals(PipeStatus.PAUSED, p.status());
        assertFalse(lookup("#pendingWorkLabel").query().isVisible());
    }
}
