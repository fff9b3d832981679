package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.console.FakeBackend;
import dev.pipedeck.console.Fixtures;
import dev.pipedeck.console.common.TaskRunner;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeEdit;
import dev.pipedeck.source.pg.PostgresSource.TableInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Edit dialog's logic, on a fake backend: what it lists, what it sends, what it says. */
class EditPipeViewModelTest {
    private static final TableRef ORDERS = new TableRef("public", "orders");
    private static final TableRef CUSTOMERS = new TableRef("public", "customers");
    private static final TableRef ITEMS = new TableRef("public", "items");
    private static final TableRef NOKEY = new TableRef("public", "nokey");

    private final Actor actor = new Actor(Actor.Kind.CONSOLE, "alice", "laptop");
    private final List<ControlResult> saved = new ArrayList<>();
    private FakeBackend backend;
    private Pipe pipe;
    private EditPipeViewModel vm;

    @BeforeEach
    void setUp() {
        backend = new FakeBackend();
        pipe = Fixtures.pipe("shop", PipeStatus.PAUSED);
        backend.data = Fixtures.data(pipe, null, List.of());
        backend.sourceTables = List.of(new TableInfo(ORDERS, true, false, 48_210), new TableInfo(CUSTOMERS, true, false, 900),
                new TableInfo(ITEMS, true, false, 0), new TableInfo(NOKEY, false, false, 12));
        vm = new EditPipeViewModel(pipe, List.of(new TableMapping(CUSTOMERS, "clients")), backend, TaskRunner.SAME_THREAD, actor,
                saved::add);
    }

    private SourceTableChoice choice(TableRef t) {
        return vm.available().stream().filter(c -> c.tableRef().equals(t)).findFirst().orElseThrow();
    }

    @Test
    void listsTheCapturedTablesAndTheSourcesTablesMarkingThoseCapturedAlready() {
        assertEquals(List.of("public.orders", "public.customers"), vm.captured().stream().map(CapturedTable::table).toList());
        assertEquals("into clients · added by an earlier edit, copied when the pipe resumes", vm.captured().get(1).note());
        assertTrue(vm.available().isEmpty(), "nothing is read before the dialog asks");
        vm.loadSourceTables();
        assertEquals(4, vm.available().size());
        assertTrue(choice(ORDERS).captured());
        assertEquals("~48,210 rows · captured already", choice(ORDERS).note());
        assertFalse(choice(ITEMS).captured());
        assertEquals("", choice(ITEMS).note());
        assertEquals("~12 rows · no primary key: add one to replicate it", choice(NOKEY).note());
        assertEquals("2 tables of db.example.com:5432/shop can be added (2 captured already).", vm.sourceStatusProperty().get());
        assertEquals("Nothing changed yet: tick tables to add or remove, or change the batch settings.", vm.summaryProperty().get());
    }

    @Test
    void anUnreachableSourceIsASentenceAndRemovingStillWorks() {
        backend.failSourceTables = new IllegalStateException("Could not connect to db.example.com:5432: Connection refused\n\tat x");
        vm.loadSourceTables();
        String status = vm.sourceStatusProperty().get();
        assertTrue(status.startsWith("Could not list the tables of the source db.example.com:5432/shop: Could not connect to "
                + "db.example.com:5432: Connection refused."), status);
        assertTrue(status.contains("Tables can still be removed"), status);
        assertFalse(status.contains("Exception") || status.contains("\tat"), status);
        vm.captured().get(0).removeProperty().set(true);
        vm.save();
        assertEquals(new PipeEdit(List.of(), List.of(ORDERS), null, null), backend.editedWith);
    }

    @Test
    void sendsTheAddedTablesWithTheirDestinationNamesTheRemovedOnesAndOnlyChangedSettings() {
        vm.loadSourceTables();
        choice(ITEMS).addProperty().set(true);
        choice(ITEMS).destinationProperty().set("  line_items ");
        choice(NOKEY).destinationProperty().set("ignored: not ticked");
        vm.captured().get(1).removeProperty().set(true);
        vm.syncIntervalMillisProperty().set("250");
        String summary = vm.summaryProperty().get();
        assertTrue(summary.startsWith("When the pipe resumes:"), summary);
        assertTrue(summary.contains("public.items (into line_items) is copied in full and then streams with the rest; only the "
                + "added tables are copied"), summary);
        assertTrue(summary.contains("public.customers is no longer captured: it leaves the publication, and its destination "
                + "table clients is kept with its rows"), summary);
        assertTrue(summary.contains("batches close after 250 ms instead of 1000 ms"), summary);
        assertFalse(summary.contains("rows instead of"), "the batch size did not change: " + summary);

        vm.save();
        assertEquals(new PipeEdit(List.of(new TableMapping(ITEMS, "line_items")), List.of(CUSTOMERS), null, Duration.ofMillis(250)),
                backend.editedWith);
        assertEquals(1, saved.size());
        assertTrue(vm.doneProperty().get());
    }

    @Test
    void aRefusalStaysInTheDialogAsItsSentenceAndNothingCloses() {
        vm.loadSourceTables();
        choice(NOKEY).addProperty().set(true);
        backend.answer = p -> new ControlResult(ControlResult.Outcome.REFUSED, "pipe 'shop' is PAUSED: the tables to add cannot "
                + "be captured: source: table public.nokey has no primary key; run ALTER TABLE public.nokey ADD PRIMARY KEY (...)", p);
        vm.save();
        assertEquals("Nothing was changed: pipe 'shop' is PAUSED: the tables to add cannot be captured: source: table public.nokey "
                + "has no primary key; run ALTER TABLE public.nokey ADD PRIMARY KEY (...).", vm.errorMessageProperty().get());
        assertFalse(vm.doneProperty().get(), "the dialog stays open");
        assertTrue(saved.isEmpty());
        assertFalse(vm.busyProperty().get(), "Save can be pressed again");
        choice(NOKEY).addProperty().set(false);
        assertEquals("", vm.errorMessageProperty().get(), "a change clears the old refusal");
    }

    @Test
    void malformedSettingsAreASentenceAndNothingIsSent() {
        vm.batchSizeProperty().set("0");
        assertEquals("The batch size must be a positive whole number (got '0'). Nothing was changed.", vm.summaryProperty().get());
        vm.save();
        assertEquals("The batch size must be a positive whole number (got '0'). Nothing was changed.", vm.errorMessageProperty().get());
        assertTrue(backend.requests.isEmpty());
        assertFalse(vm.doneProperty().get());
    }

    @Test
    void nothingChangedSendsNothingAndCloses() {
        vm.save();
        assertTrue(backend.requests.isEmpty());
        assertNull(backend.editedWith);
        assertTrue(vm.doneProperty().get());
        assertEquals("Nothing changed.", saved.get(0).message());
    }

    @Test
    void aFailedRequestSaysWhatToDoAndKeepsTheDialogOpen() {
        backend.failRequests = new IllegalStateException("the catalog database is unreachable");
        vm.batchSizeProperty().set("700");
        vm.save();
        assertEquals("Could not edit pipe shop: the catalog database is unreachable. Check the catalog connection and try again.",
                vm.errorMessageProperty().get());
        assertFalse(vm.doneProperty().get());
    }
}
