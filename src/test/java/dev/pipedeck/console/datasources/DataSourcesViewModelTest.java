package dev.pipedeck.console.datasources;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.Fixtures;
import dev.pipedeck.console.common.ConsoleData;
import dev.pipedeck.console.common.ConsoleState;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.pipedeck.console.Fixtures.MB;
import static dev.pipedeck.console.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSourcesViewModelTest {
    private final ConsoleState state = new ConsoleState(ZoneOffset.UTC);
    private final DataSourcesViewModel vm = new DataSourcesViewModel(state);

    private static ConsoleData three() {
        Pipe a = Fixtures.pipe(1, "shop-demo", PipeStatus.RUNNING, DesiredState.RUNNING);
        Pipe b = Fixtures.pipe(2, "billing", PipeStatus.PAUSED, DesiredState.PAUSED);
        Pipe c = Fixtures.pipe(3, "events", PipeStatus.FAILED, DesiredState.RUNNING);
        return new ConsoleData(NOW, List.of(a, b, c), Map.of(2L, Fixtures.sample(2, NOW, 512 * MB, 40 * MB, null, -1L)), null);
    }

    @Test
    void rowsShowEveryPipeWithoutPasswords() {
        state.applyData(three());
        assertEquals(3, vm.rows().size());
        PipeRow billing = vm.rows().get(1).row();
        assertEquals(PipeStatus.PAUSED, billing.status());
        assertEquals("db.example.com:5432/shop", billing.source());
        assertEquals("ClickHouse ch.example.com:8123/analytics", billing.destination());
        assertEquals(512 * MB, billing.retainedWalBytes());
        assertNull(vm.rows().get(0).row().retainedWalBytes());
        assertEquals("3 pipes", vm.summaryProperty().get());
    }

    @Test
    void theWalColumnFlagsASlotOverItsLimitOrLost() {
        Pipe over = Fixtures.pipe(1, "over", PipeStatus.PAUSED, DesiredState.PAUSED);
        Pipe lost = Fixtures.pipe(2, "lost", PipeStatus.FAILED, DesiredState.RUNNING);
        Pipe fine = Fixtures.pipe(3, "fine", PipeStatus.PAUSED, DesiredState.PAUSED);
        dev.pipedeck.catalog.SlotSampleRow lostSample = new dev.pipedeck.catalog.SlotSampleRow(2, NOW, true, false, 90 * MB, 0L,
                "lost", null, 64 * MB, null, null, null);
        state.applyData(new ConsoleData(NOW, List.of(over, lost, fine), Map.of(
                1L, Fixtures.sample(1, NOW, 80 * MB, 0, -3 * MB, 64 * MB),
                2L, lostSample,
                3L, Fixtures.sample(3, NOW, 20 * MB, 0, 40 * MB, 64 * MB)), null));
        java.util.Map<String, String> text = new java.util.HashMap<>();
        vm.rows().forEach(i -> text.put(i.row().name(), i.row().walText()));
        assertEquals("80 MB · over limit", text.get("over"));
        assertEquals("90 MB · slot lost", text.get("lost"));
        assertEquals("20 MB", text.get("fine"));
    }

    @Test
    void filterMatchesNameStatusAndSource() {
        state.applyData(three());
        vm.filterTextProperty().set("PAUSED");
        assertEquals(List.of("billing"), vm.rows().stream().map(PipeItem::name).toList());
        vm.filterTextProperty().set("shop");
        assertEquals(3, vm.rows().size(), "all three read from the shop database");
        vm.filterTextProperty().set("even");
        assertEquals(List.of("events"), vm.rows().stream().map(PipeItem::name).toList());
        assertEquals("1 of 3 pipes", vm.summaryProperty().get());
    }

    @Test
    void emptyStateOnlyOnceLoadedAndNoPipes() {
        assertFalse(vm.empty().get(), "not before the first answer");
        state.applyData(new ConsoleData(NOW, List.of(), Map.of(), null));
        assertTrue(vm.empty().get());
        assertTrue(vm.emptyText().contains("New pipe"));
        state.applyData(three());
        assertFalse(vm.empty().get());
    }

    @Test
    void openingAPipeSelectsItNamesTheWindowAndRefreshes() {
        int[] refreshes = {0};
        state.setRefresher(() -> refreshes[0]++);
        state.applyData(three());
        vm.open("billing");
        assertEquals("billing", state.selectedPipe());
        assertEquals("billing — PipeDeck", state.windowTitleProperty().get());
        assertEquals(1, refreshes[0]);
        vm.open("billing");
        assertEquals(1, refreshes[0], "opening the open pipe again reads nothing");
    }

    @Test
    void unchangedRefreshKeepsTheSameRows() {
        state.applyData(three());
        PipeItem first = vm.rows().get(0);
        PipeRow firstRow = first.row();
        state.applyData(three());
        assertSame(first, vm.rows().get(0));
        assertSame(firstRow, first.row(), "an unchanged pipe keeps its row value: no cell redraw");
        Pipe a = Fixtures.pipe(1, "shop-demo", PipeStatus.RUNNING, DesiredState.PAUSED);
        ConsoleData changed = new ConsoleData(NOW, List.of(a, three().pipes().get(1), three().pipes().get(2)), Map.of(), null);
        state.applyData(changed);
        assertSame(first, vm.rows().get(0), "a changed pipe is updated in place");
        assertEquals(PipeStatus.PAUSING, first.row().status());
    }
}
