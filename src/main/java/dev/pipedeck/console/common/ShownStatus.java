package dev.pipedeck.console.common;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeLifecycle;
import dev.pipedeck.catalog.PipeStatus;

/**
 * The status the console shows. A request only changes the desired state; until the engine picks it up the catalog
 * still says e.g. RUNNING. Showing "Pausing" from the moment the request is stored tells the operator it was taken.
 * The rule is {@link PipeLifecycle#shown}, the one the CLI and the engine judge requests by.
 */
public final class ShownStatus {
    private ShownStatus() {}

    public static PipeStatus of(Pipe p) {
        return PipeLifecycle.shown(p);
    }
}
