package dev.pipedeck.console.workers;

import dev.pipedeck.catalog.WorkerInfo;
import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.console.common.ConsoleBackend;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.console.common.ConsoleData;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.TaskRunner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkersViewModelTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void showsWhereEachPipeRunsAndFlagsQuietAndGoneWorkers() {
        ConsoleState state = new ConsoleState(ZoneOffset.UTC);
        List<WorkerInfo> workers = List.of(
                new WorkerInfo("a", "host1", "0.1.0", 4, NOW.minusSeconds(600), NOW.minusSeconds(1), 2, null, true,
                        List.of("orders", "users"), NOW),
                new WorkerInfo("b", "host2", "0.1.0", null, NOW.minusSeconds(600), NOW.minusSeconds(40), 1, null, true,
                        List.of("events"), NOW),
                new WorkerInfo("c", "host3", "0.1.0", null, NOW.minusSeconds(600), NOW.minusSeconds(30), 0, null, false,
                        List.of(), NOW));
        ConsoleBackend backend = new ConsoleBackend() {
            @Override
            public ConsoleData load(String selectedPipe) {
                return ConsoleData.EMPTY;
            }

            @Override
            public ControlResult pause(String pipeName, Actor actor) {
                throw new AssertionError("not used");
            }

            @Override
            public ControlResult resume(String pipeName, Actor actor) {
                throw new AssertionError("not used");
            }

            @Override
            public ControlResult edit(String pipeName, Integer batchSize, Duration syncInterval, Actor actor) {
                throw new AssertionError("not used");
            }

            @Override
            public ControlResult resync(String pipeName, Actor actor) {
                throw new AssertionError("not used");
            }

            @Override
            public Optional<Duration> lastCopy(String pipeName) {
                throw new AssertionError("not used");
            }

            @Override
            public ControlResult delete(String pipeName, Actor actor) {
                throw new AssertionError("not used");
            }

            @Override
            public List<AuditEvent> history(String pipeName, int limit) {
                throw new AssertionError("not used");
            }

            @Override
            public List<WorkerInfo> workers() {
                return workers;
            }
        };
        WorkersViewModel vm = new WorkersViewModel(state, backend, TaskRunner.SAME_THREAD, ZoneOffset.UTC);
        assertTrue(vm.rows().isEmpty());
        state.applyData(new ConsoleData(NOW, List.of(), java.util.Map.of(), null)); // a console refresh reloads them
        assertEquals(3, vm.rows().size());
        WorkerRow a = vm.rows().get(0);
        assertEquals("Live", a.state());
        assertEquals("2: orders, users (max 4)", a.pipes());
        assertEquals("1 s ago", a.heartbeat());
        assertFalse(a.attention());
        WorkerRow b = vm.rows().get(1);
        assertEquals("Gone quiet: no heartbeat for 40 s", b.state());
        assertTrue(b.attention());
        assertTrue(vm.rows().get(2).state().startsWith("Gone: "));
        assertEquals("1 live worker, 1 gone quiet, 3 pipes held", vm.summaryProperty().get());
    }
}
