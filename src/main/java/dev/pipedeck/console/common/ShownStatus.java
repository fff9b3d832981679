package dev.pipedeck.console.common;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;

/**
 * The status the console shows. A request only changes the desired state; until the engine picks it up the catalog
 * still says e.g. RUNNING. Showing "Pausing" from the moment the request is stored tells the operator it was taken.
 */
public final class ShownStatus {
    private ShownStatus() {}

    public static PipeStatus of(Pipe p) {
        PipeStatus s = p.status();
        DesiredState d = p.desiredState();
        if (d == DesiredState.PAUSED && s != PipeStatus.PAUSED && s != PipeStatus.FAILED && s != PipeStatus.DELETING) {
            return PipeStatus.PAUSING;
        }
        if (d == DesiredState.RUNNING && (s == PipeStatus.PAUSED || s == PipeStatus.PAUSING)) {
            return PipeStatus.RESUMING;
        }
        if (d == DesiredState.DELETED) {
            return PipeStatus.DELETING;
        }
        return s;
    }
}
