package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
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
    void exactlyTheApplicableButtonIsEnabledInEveryStatus(PipeStatus status) {
        show(Fixtures.pipe("shop", status), null);
        boolean pause = vm.canPause().get();
        boolean resume = vm.canResume().get();
        switch (status) {
            case SETUP, SNAPSHOT, RUNNING -> { assertTrue(pause); assertFalse(resume); }
            case PAUSED, FAILED -> { assertFalse(pause); assertTrue(resume); }
            case PAUSING, RESUMING, DELETING -> { assertFalse(pause); assertFalse(resume); }
        }
        // a disabled button always says why
        if (!pause) {
            assertNotNull(vm.pauseDisabledReason().get());
        } else {
            assertNull(vm.pauseDisabledReason().get());
        }
        if (!resume) {
            assertNotNull(vm.resumeDisabledReason().get());
        }
    }

    @Test
    void transitionalStatusExplainsWhyBothAreOff() {
        show(Fixtures.pipe("shop", PipeStatus.PAUSING), null);
        assertTrue(vm.pauseDisabledReason().get().contains("pausing"));
        assertTrue(vm.resumeDisabledReason().get().contains("wait until the engine"));
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
        boolean[] seen = new boolean[2];
        TaskRunner observing = new TaskRunner() {
            @Override
            public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> ok, java.util.function.Consumer<Throwable> fail) {
                seen[0] = vm.canPause().get() || vm.canResume().get();
                seen[1] = vm.busyProperty().get();
                TaskRunner.SAME_THREAD.run(work, ok, fail);
            }
        };
        vm = new SettingsViewModel(state, backend, dialogs, observing, actor);
        vm.pause();
        assertFalse(seen[0], "no button enabled while in flight");
        assertTrue(seen[1]);
        assertEquals("A request for this pipe is in flight.", ActionRules.whyNotPause(PipeStatus.RUNNING, true));
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
