package dev.pipedeck.control;

import dev.pipedeck.catalog.Pipe;

/** The answer to a pause / resume / delete request: accepted, nothing to do, or refused — with a sentence. */
public record ControlResult(Outcome outcome, String message, Pipe pipe) {
    public enum Outcome { ACCEPTED, NO_OP, REFUSED }

    public boolean refused() {
        return outcome == Outcome.REFUSED;
    }
}
