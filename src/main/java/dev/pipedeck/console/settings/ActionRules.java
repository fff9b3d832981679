package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.PipeStatus;

/**
 * Which of Pause / Resume applies in each shown status, and why the other is off (the tooltip). Exactly one applies
 * in a settled status; none while a request is in flight or the pipe is on its way to another status.
 */
final class ActionRules {
    private ActionRules() {}

    /** Null when Pause applies, else the reason it does not. */
    static String whyNotPause(PipeStatus s, boolean busy) {
        if (s == null) {
            return "Open a pipe on the Data Sources tab first.";
        }
        if (busy) {
            return "A request for this pipe is in flight.";
        }
        return switch (s) {
            case SETUP, SNAPSHOT, RUNNING -> null;
            case PAUSED -> "The pipe is already paused.";
            case FAILED -> "The pipe has failed and is not replicating: resume it to retry.";
            default -> transitional(s);
        };
    }

    /** Null when Resume applies, else the reason it does not. */
    static String whyNotResume(PipeStatus s, boolean busy) {
        if (s == null) {
            return "Open a pipe on the Data Sources tab first.";
        }
        if (busy) {
            return "A request for this pipe is in flight.";
        }
        return switch (s) {
            case PAUSED, FAILED -> null;
            case SETUP, SNAPSHOT, RUNNING -> "The pipe is " + s.label().toLowerCase() + ": there is nothing to resume.";
            default -> transitional(s);
        };
    }

    private static String transitional(PipeStatus s) {
        return "The pipe is " + s.label().toLowerCase() + "; wait until the engine reports the new status.";
    }
}
