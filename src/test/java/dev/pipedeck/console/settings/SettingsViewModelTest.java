package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeLifecycle;
import dev.pipedeck.catalog.PipeLifecycle.Action;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.console.FakeBackend;
import dev.pipedeck.console.FakeDialogService;
import dev.pipedeck.console.Fixtures;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.TaskRunner;
import dev.pipedeck.control.ControlResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.ZoneOffset;
import java.util.List;

import static dev.pipedeck.console.Fixtures.MB;
import static dev.pipedeck.console.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsViewModelTest {
    private final Actor actor = new Actor(Actor.Kind.CONSOLE, "alice", "laptop");
    private FakeBackend backend;
    private FakeDialogService dialogs;
    private ConsoleState state;
    private SettingsViewModel vm;
    private int refreshes;

    @BeforeEach
    void setUp() {
        dev.pipedeck.console.common.PipeDisplay.setZone(ZoneOffset.UTC);
        backend = new FakeBackend();
        dialogs = new FakeDialogService();
        state = new ConsoleState(ZoneOffset.UTC);
        state.setRefresher(() -> refreshes++);
        vm = new SettingsViewModel(state, backend, dialogs, TaskRunner.SAME_THREAD, actor);
    }

    private void show(Pipe p, SlotSampleRow sample) {
        backend.data = Fixtures.data(p, sample, List.of());
        state.applyData(backend.data);
    }

    @ParameterizedTest
    @EnumSource(PipeStatus.class)
    void theButtonsFollowTheLifecycleTableInEveryStatus(PipeStatus status) {
        show(Fixtures.pipe("shop", status), null);
        boolean pause = vm.canPause().get();
        boolean resume = vm.canResume().get();
        // the same cells as PipeLifecycleTableTest, as the console shows them
        switch (status) {
            case SETUP, SNAPSHOT, RUNNING -> { assertTrue(pause); assertFalse(resume); }
            case PAUSED -> { assertFalse(pause); assertTrue(resume); }
            case FAILED -> { assertTrue(pause, "a failed pipe can be paused, as in the CLI"); assertTrue(resume); }
            case PAUSING -> { assertFalse(pause); assertTrue(resume, "resume withdraws the pending pause, as in the CLI"); }
            case RESUMING -> { assertTrue(pause, "pause withdraws the pending resume, as in the CLI"); assertFalse(resume); }
            case MODIFYING -> { assertTrue(pause, "a long copy of added tables can be stopped"); assertFalse(resume); }
            case RESYNCING, DELETING -> { assertFalse(pause); assertFalse(resume); }
        }
        for (Action a : Action.values()) {
            PipeLifecycle.Verdict v = PipeLifecycle.verdict(vm.statusProperty().get(), a);
            assertEquals(v.allowed(), vm.can(a).get(), status + " × " + a);
            // a disabled button always says why, in the table's words
            assertEquals(v.sentence(), vm.disabledReason(a).get(), status + " × " + a);
        }
    }

    @Test
    void transitionalStatusExplainsWhyAButtonIsOff() {
        show(Fixtures.pipe("shop", PipeStatus.PAUSING), null);
        assertEquals("The pipe is already pausing; it stops at the next transaction boundary.", vm.pauseDisabledReason().get());
        assertNull(vm.resumeDisabledReason().get());
        show(Fixtures.pipe("shop", PipeStatus.DELETING), null);
        assertEquals("The pipe is being deleted.", vm.resumeDisabledReason().get());
    }

    @Test
    void noPipeOpenDisablesBoth() {
        assertFalse(vm.canPause().get());
        assertFalse(vm.canResume().get());
        assertTrue(vm.pauseDisabledReason().get().contains("Data Sources"));
    }

    @Test
    void pauseDialogNamesPipeSlotAndRetainedWalWithHeadroom() {
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), Fixtures.sample(1, NOW, 340 * MB, 12 * MB, 1700 * MB, 2048 * MB));
        vm.pause();
        FakeDialogService.Shown d = dialogs.last();
        assertEquals("Pause pipe shop?", d.header());
        assertEquals("Pause", d.ok());
        assertEquals("Cancel", d.cancel());
        assertTrue(d.content().contains("replication slot pipedeck_shop_abc123, which now retains 340 MB of WAL and will keep growing while paused"), d.content());
        assertTrue(d.content().contains("2.0 GB"), d.content());
        assertTrue(d.content().contains("1.7 GB of headroom is left (safe_wal_size)"), d.content());
        assertFalse(d.content().contains("Warning"), d.content());
    }

    @Test
    void pauseDialogWarnsWhenHeadroomIsSmall() {
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), Fixtures.sample(1, NOW, 1900 * MB, 12 * MB, 148 * MB, 2048 * MB));
        vm.pause();
        String c = dialogs.last().content();
        assertTrue(c.contains("148 MB of headroom"), c);
        assertTrue(c.contains("Warning: the headroom is small"), c);
    }

    @Test
    void pauseDialogSaysWhenServerHasNoLimit() {
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), Fixtures.sample(1, NOW, 5 * MB, 0, null, -1L));
        vm.pause();
        String c = dialogs.last().content();
        assertTrue(c.contains("5.0 MB of WAL"), c);
        assertTrue(c.contains("no limit"), c);
    }

    @Test
    void resumeDialogNamesBacklog() {
        show(Fixtures.pipe("shop", PipeStatus.PAUSED), Fixtures.sample(1, NOW, 400 * MB, 96 * MB, null, -1L));
        vm.resume();
        FakeDialogService.Shown d = dialogs.last();
        assertEquals("Resume pipe shop?", d.header());
        assertEquals("Resume", d.ok());
        assertTrue(d.content().startsWith("96 MB of backlog will be replayed from replication slot pipedeck_shop_abc123"), d.content());
    }

    @Test
    void cancelChangesNothing() {
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), null);
        dialogs.answer = false;
        vm.pause();
        assertEquals(1, dialogs.shown.size());
        assertTrue(backend.requests.isEmpty());
        assertEquals(PipeStatus.RUNNING, vm.statusProperty().get());
        assertEquals(0, refreshes);
    }

    @Test
    void confirmSendsExactlyOneRequestWithTheActorAndShowsPausingAtOnce() {
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), null);
        dialogs.answer = true;
        vm.pause();
        assertEquals(List.of(new FakeBackend.Request("pause", "shop", actor)), backend.requests);
        assertEquals(PipeStatus.PAUSING, vm.statusProperty().get());
        assertFalse(vm.busyProperty().get());
        assertFalse(vm.canPause().get());
        assertEquals(1, refreshes, "refresh restarts right after the action");
    }

    @Test
    void confirmResumeShowsResuming() {
        show(Fixtures.pipe("shop", PipeStatus.PAUSED), null);
        dialogs.answer = true;
        vm.resume();
        assertEquals(List.of(new FakeBackend.Request("resume", "shop", actor)), backend.requests);
        assertEquals(PipeStatus.RESUMING, vm.statusProperty().get());
    }

    @Test
    void busyDisablesBothWhileTheRequestIsInFlight() {
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), null);
        dialogs.answer = true;
        List<boolean[]> seen = new java.util.ArrayList<>();
        TaskRunner observing = new TaskRunner() {
            @Override
            public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> ok, java.util.function.Consumer<Throwable> fail) {
                seen.add(new boolean[] {vm != null && (vm.canPause().get() || vm.canResume().get() || vm.can(Action.DELETE).get()),
                        vm != null && vm.busyProperty().get()});
                TaskRunner.SAME_THREAD.run(work, ok, fail);
            }
        };
        vm = new SettingsViewModel(state, backend, dialogs, observing, actor);
        seen.clear(); // the history read when the view-model opens the pipe
        vm.pause();
        assertFalse(seen.get(0)[0], "no button enabled while in flight");
        assertTrue(seen.get(0)[1]);
        assertEquals("A request for this pipe is in flight.", ActionRules.whyNot(Action.PAUSE, PipeStatus.RUNNING, true));
    }

    @Test
    void deleteNamesWhatIsDroppedAndKeptAndNeedsTheTypedName() {
        show(Fixtures.pipe("shop", PipeStatus.PAUSED), null);
        dialogs.answer = true;
        dialogs.typed = "sho";
        vm.delete();
        FakeDialogService.Shown d = dialogs.last();
        assertEquals("Delete pipe shop?", d.header());
        assertEquals("Delete", d.ok());
        assertTrue(d.content().contains("replication slot pipedeck_shop_abc123 and publication"), d.content());
        assertTrue(d.content().contains("catalog entry"), d.content());
        assertTrue(d.content().contains("keeps the destination tables orders, clients in ClickHouse ch.example.com:8123/analytics"),
                d.content());
        assertEquals("Type the pipe's name, shop, to delete it:", dialogs.typedPrompts.get(0));
        assertTrue(backend.requests.isEmpty(), "a wrong name deletes nothing");

        dialogs.answer = false;
        dialogs.typed = "shop";
        vm.delete();
        assertTrue(backend.requests.isEmpty(), "Cancel deletes nothing");

        dialogs.answer = true;
        vm.delete();
        assertEquals(List.of(new FakeBackend.Request("delete", "shop", actor)), backend.requests);
        assertEquals(PipeStatus.DELETING, vm.statusProperty().get());
        assertFalse(vm.can(Action.DELETE).get());
        assertEquals("The pipe is already being deleted.", vm.disabledReason(Action.DELETE).get());
    }

    @Test
    void editIsOfferedOnlyWhilePausedAndAnAcceptedEditIsShownOnSettings() {
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), null);
        assertFalse(vm.can(Action.EDIT).get());
        assertEquals("Pause the pipe first: tables and sync settings are changed while it is paused.",
                vm.disabledReason(Action.EDIT).get());
        assertTrue(vm.editor().isEmpty(), "no Edit dialog while running");
        show(Fixtures.pipe("shop", PipeStatus.PAUSED), null);
        assertTrue(vm.can(Action.EDIT).get());

        EditPipeViewModel editor = vm.editor().orElseThrow();
        assertEquals(List.of("public.orders", "public.customers"), editor.captured().stream().map(CapturedTable::table).toList());
        editor.batchSizeProperty().set("2,500");
        int before = refreshes;
        editor.save();
        assertEquals(List.of(new FakeBackend.Request("edit", "shop", actor)), backend.requests);
        assertEquals(2500, backend.editedWith.batchSize());
        assertTrue(editor.doneProperty().get(), "the dialog closes once the edit is accepted");
        assertEquals("requested", vm.messageProperty().get());
        assertTrue(refreshes > before, "an accepted edit refreshes the tabs");
    }

    @ParameterizedTest
    @EnumSource(PipeStatus.class)
    void resyncIsOfferedForTheWholePipeOrOneTableAsTheLifecycleSays(PipeStatus status) {
        show(Fixtures.pipe("shop", status), null);
        boolean whole = PipeLifecycle.verdict(status, Action.RESYNC).allowed();
        boolean one = PipeLifecycle.verdict(status, Action.RESYNC_TABLE).allowed();
        assertEquals(whole || one, vm.canResync().get(), status.toString());
        String tip = vm.resyncTooltip().get();
        if (!whole && !one) {
            assertTrue(tip.contains(PipeLifecycle.verdict(status, Action.RESYNC).sentence().substring(1)), tip);
            return;
        }
        dialogs.answer = false;
        vm.resync();
        List<String> offered = dialogs.resyncOffered.stream().map(dev.pipedeck.console.common.ResyncChoice::label).toList();
        List<String> expected = new java.util.ArrayList<>();
        if (whole) {
            expected.add("the whole pipe");
        }
        if (one) {
            expected.addAll(List.of("public.orders", "public.customers → clients"));
        }
        assertEquals(expected, offered, status.toString());
        assertTrue(backend.requests.isEmpty(), "Cancel sends nothing");
        if (whole != one) {
            assertNotNull(dialogs.resyncNote, "the dialog says which kind is not offered and why");
        }
    }

    @Test
    void resyncOfOneTableOfARunningPipeSaysWhatHappensAndSendsThatTable() {
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), null);
        assertTrue(vm.canResync().get());
        assertEquals("Copy one table afresh while the other tables keep streaming (the whole pipe is resynced while paused)",
                vm.resyncTooltip().get());
        dialogs.answer = true;
        dialogs.resyncPick = "public.customers → clients";
        vm.resync();
        String text = dialogs.last().content();
        assertTrue(text.startsWith("Resyncing table public.customers copies it afresh now, while the other tables keep streaming"), text);
        assertTrue(text.contains("at one consistent point of the source, into a shadow table next to clients"), text);
        assertTrue(text.contains("changes made to public.customers while it is copied reach the copy too"), text);
        assertTrue(text.contains("between two batches the copy replaces clients at once"), text);
        assertTrue(text.contains("clients stays readable throughout"), text);
        assertEquals(List.of(new FakeBackend.Request("resync-table", "shop", actor)), backend.requests);
        assertEquals(new dev.pipedeck.change.TableRef("public", "customers"), backend.resyncedTable);
        assertNull(dialogs.resyncTexts.keySet().stream().filter(c -> c.isWholePipe()).findFirst().orElse(null),
                "a running pipe is not offered a whole resync");
        assertTrue(dialogs.resyncNote.startsWith("The whole pipe is resynced while it is paused or failed: pause the pipe first"),
                dialogs.resyncNote);

        backend.answer = p -> new ControlResult(ControlResult.Outcome.REFUSED,
                "pipe 'shop' is RUNNING: a resync of the whole pipe is pending; it copies table public.orders afresh too", p);
        dialogs.resyncPick = "public.orders";
        vm.resync();
        assertEquals("Could not resync table public.orders: pipe 'shop' is RUNNING: a resync of the whole pipe is pending; "
                + "it copies table public.orders afresh too.", vm.errorMessageProperty().get());
    }

    @Test
    void resyncOfAPausedPipeOffersBothAndTheTableTextSaysItWaitsForTheResume() {
        show(Fixtures.pipe("shop", PipeStatus.PAUSED), null);
        dialogs.answer = true;
        vm.resync();
        assertEquals(List.of(new FakeBackend.Request("resync", "shop", actor)), backend.requests, "the whole pipe comes first");
        String tableText = dialogs.resyncTexts.entrySet().stream().filter(e -> !e.getKey().isWholePipe()).findFirst()
                .orElseThrow().getValue();
        assertTrue(tableText.contains("copies it afresh once the pipe resumes"), tableText);
        assertTrue(tableText.contains("the pipe is paused: nothing happens until it resumes"), tableText);
        assertNull(dialogs.resyncNote);
    }

    @Test
    void pendingTableWorkIsShownInTheWordsOfTheStatus() {
        backend.pending = new dev.pipedeck.console.common.ConsoleBackend.PendingTableWork(
                List.of(new dev.pipedeck.catalog.TableMapping(new dev.pipedeck.change.TableRef("public", "items"), "items")),
                java.util.Optional.empty());
        show(Fixtures.pipe("shop", PipeStatus.PAUSED), null);
        assertEquals("Tables added by an edit, copied when the pipe resumes: public.items.", vm.pendingWorkProperty().get());
        show(Fixtures.pipe("shop", PipeStatus.MODIFYING), null);
        assertEquals("Copying the tables added by an edit: public.items (they stream with the rest once copied).",
                vm.pendingWorkProperty().get());

        backend.pending = new dev.pipedeck.console.common.ConsoleBackend.PendingTableWork(List.of(),
                java.util.Optional.of(new dev.pipedeck.change.TableRef("public", "orders")));
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), null);
        assertEquals("Resync of table public.orders under way: copied afresh while the other tables keep streaming.",
                vm.pendingWorkProperty().get());
        show(Fixtures.pipe("shop", PipeStatus.PAUSED), null);
        assertEquals("Resync of table public.orders pending: it runs when the pipe resumes.", vm.pendingWorkProperty().get());

        backend.pending = dev.pipedeck.console.common.ConsoleBackend.PendingTableWork.NONE;
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), null);
        assertEquals("", vm.pendingWorkProperty().get());
    }

    @Test
    void historyListsTheAuditTrailNewestFirstWithWhoWhereAndTheChange() {
        backend.history.add(new dev.pipedeck.catalog.AuditEvent(3, "shop", NOW, new Actor(Actor.Kind.ENGINE, "pipedeck", "w1"),
                "status", "PAUSING", "PAUSED", "paused; destination consistent as of 0/16B374D848"));
        backend.history.add(new dev.pipedeck.catalog.AuditEvent(2, "shop", NOW.minusSeconds(5), actor, "pause", "RUNNING", "PAUSING",
                "pause requested by alice@laptop (console)"));
        backend.history.add(new dev.pipedeck.catalog.AuditEvent(1, "shop", NOW.minusSeconds(600),
                new Actor(Actor.Kind.CLI, "bob", "ops1"), "create", null, "SETUP", "created with tables public.orders"));
        show(Fixtures.pipe("shop", PipeStatus.PAUSED), null);
        List<HistoryRow> rows = vm.history();
        assertEquals(3, rows.size());
        assertEquals(new HistoryRow(dev.pipedeck.console.common.PipeDisplay.time(NOW), "pipedeck@w1", "Engine", "Status change",
                "Pausing → Paused", "paused; destination consistent as of 0/16B374D848"), rows.get(0));
        assertEquals("Console", rows.get(1).where());
        assertEquals("alice@laptop", rows.get(1).who());
        assertEquals("Running → Pausing", rows.get(1).change());
        assertEquals("CLI", rows.get(2).where());
        assertEquals("— → Setup", rows.get(2).change());
        assertEquals(List.of("shop"), backend.historyLoads);
    }

    @Test
    void aHistoryThatCannotBeReadSaysSoAndKeepsTheRest() {
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), null);
        backend.failLoads = new IllegalStateException("the catalog database is unreachable");
        state.applyData(Fixtures.data(Fixtures.pipe("shop", PipeStatus.PAUSED), null, List.of()));
        assertTrue(vm.historyErrorProperty().get().startsWith("Could not read the history of pipe shop: "),
                vm.historyErrorProperty().get());
        assertEquals("shop", vm.nameProperty().get());
        backend.failLoads = null;
        state.applyData(Fixtures.data(Fixtures.pipe("shop", PipeStatus.RUNNING), null, List.of()));
        assertEquals("", vm.historyErrorProperty().get());
    }

    @Test
    void refusedRequestIsShownAsASentence() {
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), null);
        dialogs.answer = true;
        backend.answer = p -> new ControlResult(ControlResult.Outcome.REFUSED, "pipe 'shop' is DELETING: it is being deleted", p);
        vm.pause();
        assertEquals("Could not pause: pipe 'shop' is DELETING: it is being deleted.", vm.errorMessageProperty().get());
    }

    @Test
    void failedRequestIsShownAndButtonsComeBack() {
        show(Fixtures.pipe("shop", PipeStatus.RUNNING), null);
        dialogs.answer = true;
        backend.failRequests = new IllegalStateException("could not pause pipe 'shop': the catalog database is unreachable\n\tat x");
        vm.pause();
        assertEquals("Could not pause pipe shop: could not pause pipe 'shop': the catalog database is unreachable. "
                + "Check the catalog connection and try again.", vm.errorMessageProperty().get());
        assertTrue(vm.canPause().get());
    }

    @Test
    void showsConfigurationWithoutPasswords() {
        show(Fixtures.pipe(1, "shop", PipeStatus.RUNNING, DesiredState.RUNNING), null);
        assertEquals("db.example.com:5432/shop", vm.sourceProperty().get());
        assertEquals("ClickHouse ch.example.com:8123/analytics", vm.destinationProperty().get());
        assertEquals("public.orders\npublic.customers → clients", vm.tablesProperty().get());
        assertEquals("100,000 rows", vm.batchSizeProperty().get());
        assertEquals("1 second", vm.syncIntervalProperty().get());
        assertEquals("pipedeck_shop_abc123", vm.slotNameProperty().get());
        assertTrue(vm.createdProperty().get().startsWith("alice@laptop (cli), 2026-11-23"), vm.createdProperty().get());
        assertEquals("w1 (since 2026-11-24 10:00:00)", vm.engineProperty().get());
        assertEquals("250,000 rows per partition, 4 readers per table, 1 table at a time",
                vm.snapshotSettingsProperty().get());
    }
}
