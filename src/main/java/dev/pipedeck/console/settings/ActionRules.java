package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.PipeLifecycle;
import dev.pipedeck.catalog.PipeLifecycle.Action;
import dev.pipedeck.catalog.PipeStatus;

/**
 * Whether a Settings button applies in the shown status, and why not (its tooltip): {@link PipeLifecycle}'s table,
 * plus the two things only the console knows — no pipe is open, or a request is in flight.
 */
final class ActionRules {
    private ActionRules() {}

    /** Null when {@code action} applies, else the sentence saying why it does not. */
    static String whyNot(Action action, PipeStatus shown, boolean busy) {
        if (shown == null) {
            return "Open a pipe on the Data Sources tab first.";
        }
        if (busy) {
            return "A request for this pipe is in flight.";
        }
        PipeLifecycle.Verdict v = PipeLifecycle.verdict(shown, action);
        return v.allowed() ? null : v.sentence();
    }
}
