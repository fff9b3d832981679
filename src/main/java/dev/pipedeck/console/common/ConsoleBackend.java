package dev.pipedeck.console.common;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.engine.verify.VerifyReport;

import java.util.function.Consumer;

/**
 * Everything the console reads from and asks of the catalog. Called only off the FX thread. View-model tests pass a
 * fake; the application passes {@link CatalogBackend}.
 */
public interface ConsoleBackend {
    /** Reads all pipes, their latest slot samples and the details of {@code selectedPipe} (may be null). */
    ConsoleData load(String selectedPipe);

    ControlResult pause(String pipeName, Actor actor);

    ControlResult resume(String pipeName, Actor actor);

    /** A pause with a guard (see {@link PauseChoice}); without one it is a plain pause. */
    default ControlResult pause(String pipeName, Actor actor, PauseChoice guard) {
        return pause(pipeName, actor);
    }

    /** Compares the pipe's source with its destination row by row (long-running; off the FX thread). */
    default VerifyReport verify(String pipeName, Consumer<String> progress) {
        throw new UnsupportedOperationException("verify is not available here");
    }
}
