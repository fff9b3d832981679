package dev.pipedeck.console.common;

import java.util.List;
import dev.pipedeck.catalog.WorkerInfo;
import dev.pipedeck.catalog.Actor;
import dev.pipedeck.control.ControlResult;

/**
 * Everything the console reads from and asks of the catalog. Called only off the FX thread. View-model tests pass a
 * fake; the application passes {@link CatalogBackend}.
 */
public interface ConsoleBackend {
    /** Reads all pipes, their latest slot samples and the details of {@code selectedPipe} (may be null). */
    ConsoleData load(String selectedPipe);

    ControlResult pause(String pipeName, Actor actor);

    ControlResult resume(String pipeName, Actor actor);

    /** The registered workers (the Workers view); none when the backend has no catalog. */
    default List<WorkerInfo> workers() {
        return List.of();
    }
}
