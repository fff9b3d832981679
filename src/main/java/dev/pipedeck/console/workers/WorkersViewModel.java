package dev.pipedeck.console.workers;

import dev.pipedeck.catalog.WorkerInfo;
import dev.pipedeck.console.common.ConsoleBackend;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.PipeDisplay;
import dev.pipedeck.console.common.TaskRunner;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.util.List;

/**
 * The Workers view: which worker runs which pipe, each worker's last heartbeat, and workers gone quiet or gone. Reloads
 * after each refresh of the console (every 5 s, and F5), off the FX thread.
 */
public final class WorkersViewModel {
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final ZoneId zone;
    private final ObservableList<WorkerRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private boolean loading;

    public WorkersViewModel(ConsoleState state, ConsoleBackend backend, TaskRunner runner, ZoneId zone) {
        this.backend = backend;
        this.runner = runner;
        this.zone = zone;
        state.dataProperty().addListener((obs, old, fresh) -> reload());
    }

    /** Reads the workers in the background (one read at a time) and shows them. */
    public void reload() {
        if (loading) {
            return;
        }
        loading = true;
        runner.run(backend::workers, this::show, error -> {
            loading = false;
            summary.set("Could not read the workers: " + PipeDisplay.sentence(error));
        });
    }

    private void show(List<WorkerInfo> workers) {
        loading = false;
        rows.setAll(workers.stream().map(w -> WorkerRow.of(w, zone)).toList());
        long live = workers.stream().filter(w -> w.state() == WorkerInfo.State.LIVE).count();
        long quiet = workers.stream().filter(w -> w.state() == WorkerInfo.State.QUIET).count();
        if (workers.isEmpty()) {
            summary.set("No workers have registered yet: start one with 'pipedeck worker'.");
        } else {
            summary.set(live + " live worker" + (live == 1 ? "" : "s") + (quiet > 0 ? ", " + quiet + " gone quiet" : "")
                    + ", " + workers.stream().mapToInt(w -> w.live() ? w.pipes().size() : 0).sum() + " pipes held");
        }
    }

    public ObservableList<WorkerRow> rows() { return rows; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
}
