package dev.pipedeck.console.metrics;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.Fixtures;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.PipeDisplay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;

import static dev.pipedeck.console.Fixtures.MB;
import static dev.pipedeck.console.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsViewModelTest {
    private ConsoleState state;
    private MetricsViewModel vm;

    @BeforeEach
    void setUp() {
        PipeDisplay.setZone(ZoneOffset.UTC);
        state = new ConsoleState(ZoneOffset.UTC);
        vm = new MetricsViewModel(state);
    }

    @Test
    void headroomSaysOverTheLimitForANegativeSafeWalSizeAndNoLimitOnlyForNull() {
        state.applyData(Fixtures.data(Fixtures.pipe("shop", PipeStatus.PAUSED), Fixtures.sample(1, NOW, 80 * MB, 20 * MB, -3 * MB, 64 * MB), List.of()));
        assertEquals("over the limit by 3.0 MB (max_slot_wal_keep_size 64 MB): the slot is being lost — resume the pipe now "
                + "or raise max_slot_wal_keep_size", vm.headroomProperty().get());
        state.applyData(Fixtures.data(Fixtures.pipe("shop", PipeStatus.PAUSED), Fixtures.sample(1, NOW, 80 * MB, 20 * MB, null, null), List.of()));
        assertEquals("no limit (max_slot_wal_keep_size = -1)", vm.headroomProperty().get());
    }

    @Test
    void pausedShowsConsistentAsOfAndTheSlotWarning() {
        state.applyData(Fixtures.data(Fixtures.pipe("shop", PipeStatus.PAUSED), Fixtures.sample(1, NOW, 340 * MB, 20 * MB, 1700 * MB, 2048 * MB), List.of()));
        assertEquals("Paused", vm.statusTextProperty().get());
        assertEquals("since 2026-11-24 09:50:00", vm.sinceProperty().get());
        assertEquals("Destination consistent as of 2026-11-24 09:55:00 (LSN 16/B374D000)", vm.consistentAsOfProperty().get());
        assertTrue(vm.slotWarningProperty().get());
        assertEquals("340 MB retained · 20 MB backlog", vm.retainedWalProperty().get());
        assertEquals("reserved (inactive)", vm.walStatusProperty().get());
        assertEquals("1.7 GB of 2.0 GB (safe_wal_size)", vm.headroomProperty().get());
    }

    @Test
    void runningHidesTheWarningAndConsistency() {
        state.applyData(Fixtures.data(Fixtures.pipe("shop", PipeStatus.RUNNING), null, List.of()));
        assertEquals("Running", vm.statusTextProperty().get());
        assertFalse(vm.slotWarningProperty().get());
        assertEquals("", vm.consistentAsOfProperty().get());
        assertEquals("not sampled yet", vm.retainedWalProperty().get());
    }

    @Test
    void pauseRequestedButNotYetTakenShowsPausing() {
        state.applyData(Fixtures.data(Fixtures.pipe(1, "shop", PipeStatus.RUNNING, DesiredState.PAUSED), null, List.of()));
        assertEquals("Pausing", vm.statusTextProperty().get());
        assertTrue(vm.slotWarningProperty().get());
    }

    @Test
    void countsBatchesAndTables() {
        state.applyData(Fixtures.data(Fixtures.pipe("shop", PipeStatus.RUNNING), null, List.of()));
        assertEquals("1,234,567", vm.rowsSyncedProperty().get());
        assertEquals("1,250 snapshot · 13 inserts · 5 updates · 1 deletes", vm.rowsByKindProperty().get());
        assertEquals(2, vm.batches().size());
        assertEquals(2, vm.batches().get(0).id());
        assertEquals("0/200 – 0/280", vm.batches().get(0).lsnRange());
        assertEquals(100, vm.batches().get(0).rows());
        assertEquals(2, vm.tables().size());
        assertEquals("25% of ~1,000", vm.tables().get(1).snapshotText());
        assertEquals("done", vm.tables().get(0).snapshotText());
    }

    @Test
    void throughputBucketsRowsPerSecondOverFifteenMinutes() {
        state.applyData(Fixtures.data(Fixtures.pipe("shop", PipeStatus.RUNNING), null, List.of()));
        List<ChartPoint> t = vm.throughput();
        assertEquals(30, t.size());
        assertEquals(100 / 30.0, t.get(29).value(), 1e-9);
        assertEquals(50 / 30.0, t.get(27).value(), 1e-9);
        assertEquals(0, t.get(0).value(), 1e-9);
        assertEquals(NOW, t.get(29).at());
    }

    @Test
    void lastErrorComesWithAFix() {
        Pipe p = Fixtures.pipe("shop", PipeStatus.FAILED);
        p = new Pipe(p.id(), p.name(), p.sourceUrl(), p.sourceUser(), p.sourcePasswordEnc(), p.destinationUrl(), p.destinationPasswordEnc(),
                p.tables(), p.batchSize(), p.syncInterval(), p.snapshotParallelism(), p.slotName(), p.publicationName(), p.desiredState(),
                p.status(), "source refused the login", p.statusChangedAt(), "password authentication failed for user \"repl\"", NOW,
                p.slotCreated(), p.snapshotDone(), p.confirmedLsn(), p.consistentLsn(), p.consistentCommitTime(), p.rowsSynced(),
                p.lastSyncedAt(), p.ownerWorker(), p.ownerSince(), p.everClaimed(), p.createdAt(), p.createdBy());
        state.applyData(Fixtures.data(p, null, List.of()));
        assertEquals("Failed", vm.statusTextProperty().get());
        assertTrue(vm.lastErrorProperty().get().startsWith("password authentication failed"));
        assertTrue(vm.lastErrorFixProperty().get().contains("Check the user and password"));
        assertEquals("source refused the login", vm.statusReasonProperty().get());
    }

    @Test
    void noPipeOpen() {
        assertFalse(vm.hasPipeProperty().get());
    }
}
