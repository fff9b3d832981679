package dev.pipedeck.catalog;

import java.util.Objects;

/**
 * The one table of what may be asked of a pipe in each status, and what the engine does with a pipe's row. The CLI
 * and {@code PipeControl} refuse or accept requests by it, the console enables its buttons and words their tooltips
 * by it, and the engine picks its next step by it — so they cannot disagree.
 *
 * <p>Requests are judged on the {@linkplain #shown shown status}: a request only changes the desired state, and until
 * the engine picks it up the status still says e.g. RUNNING; what the operator sees (and what the next request must
 * be judged against) is then PAUSING. It lives in {@code catalog}, the lowest layer that knows statuses, so that the
 * engine can consult it without reaching up into {@code control}.
 */
public final class PipeLifecycle {
    private PipeLifecycle() {}

    /**
     * What an operator can ask of a pipe. A plain enum: variants of a request (a pause with a guard that resumes it,
     * a resync of the whole pipe from the CLI or the console) map to one of these and are judged alike.
     */
    public enum Action {
        PAUSE, RESUME, EDIT, RESYNC, RESYNC_TABLE, DELETE;

        /** "pause", "resync one table of", ... as in "Could not pause pipe x". */
        public String verb() {
            return this == RESYNC_TABLE ? "resync a table of" : name().toLowerCase();
        }
    }

    /** The answer to a request in one status: allowed, already done (a no-op), or refused — with the reason. */
    public record Verdict(Kind kind, String why) {
        public enum Kind { ALLOWED, ALREADY, REFUSED }

        public Verdict {
            Objects.requireNonNull(kind);
            if (kind != Kind.ALLOWED && (why == null || why.isBlank())) {
                throw new IllegalArgumentException("a verdict that is not ALLOWED says why");
            }
        }

        public boolean allowed() {
            return kind == Kind.ALLOWED;
        }

        /** The reason as a sentence, e.g. for a tooltip: "The pipe is already paused." (null when allowed). */
        public String sentence() {
            return why == null ? null : Character.toUpperCase(why.charAt(0)) + why.substring(1) + ".";
        }
    }

    /** What the engine does with a pipe, from its status and desired state. */
    public enum Step {
        /** Stop it, drop its slot and publication, remove it. */
        DELETE,
        /** Nothing: a failed pipe stays failed until a request (resume, pause, resync) moves its status. */
        HOLD,
        /** Stop at a transaction boundary (or snapshot range boundary) and report PAUSED. */
        PAUSE,
        /** Set up, copy, stream: whatever comes next from its status. */
        RUN
    }

    private static final Verdict OK = new Verdict(Verdict.Kind.ALLOWED, null);

    /**
     * The status to show and judge requests against: a pending request shows as the status it leads to (PAUSING,
     * RESUMING, DELETING) from the moment it is stored.
     */
    public static PipeStatus shown(PipeStatus status, DesiredState desired) {
        if (desired == DesiredState.DELETED || status == PipeStatus.DELETING) {
            return PipeStatus.DELETING;
        }
        if (desired == DesiredState.PAUSED && status != PipeStatus.PAUSED && status != PipeStatus.FAILED) {
            return PipeStatus.PAUSING;
        }
        if (desired == DesiredState.RUNNING && (status == PipeStatus.PAUSED || status == PipeStatus.PAUSING)) {
            return PipeStatus.RESUMING;
        }
        return status;
    }

    public static PipeStatus shown(Pipe p) {
        return shown(p.status(), p.desiredState());
    }

    public static Verdict verdict(Pipe p, Action action) {
        return verdict(shown(p), action);
    }

    /** The table: may {@code action} be asked of a pipe whose shown status is {@code s}? */
    public static Verdict verdict(PipeStatus s, Action action) {
        Objects.requireNonNull(s);
        if (s == PipeStatus.DELETING) {
            return action == Action.DELETE ? already("the pipe is already being deleted") : refused("the pipe is being deleted");
        }
        return switch (action) {
            case PAUSE -> switch (s) {
                // MODIFYING too: a copy of added tables that takes an hour can be stopped (it starts over on resume)
                case SETUP, SNAPSHOT, RUNNING, RESUMING, MODIFYING, FAILED -> OK;
                case PAUSED -> already("the pipe is already paused");
                case PAUSING -> already("the pipe is already pausing; it stops at the next transaction boundary");
                case RESYNCING -> refused("the pipe is being copied afresh; pause it once the resync is done");
                case DELETING -> throw new AssertionError(s);
            };
            case RESUME -> switch (s) {
                case PAUSED, PAUSING, FAILED -> OK;
                case SETUP -> already("the pipe is already starting (setting up its slot)");
                case SNAPSHOT -> already("the pipe is already running (initial copy)");
                case RUNNING -> already("the pipe is already running: there is nothing to resume");
                case RESUMING -> already("the pipe is already resuming");
                case MODIFYING -> already("the pipe is already resuming (applying an edit first)");
                case RESYNCING -> already("the pipe is already running a resync");
                case DELETING -> throw new AssertionError(s);
            };
            case EDIT -> switch (s) {
                case PAUSED -> OK;
                case PAUSING -> refused("the pipe is still pausing; edit it once it is paused");
                case MODIFYING -> refused("the pipe is applying an edit already; wait until it runs again");
                default -> refused("pause the pipe first: tables and sync settings are changed while it is paused");
            };
            case RESYNC -> switch (s) {
                case PAUSED, FAILED -> OK;
                case RESYNCING -> already("the pipe is already being resynced");
                case PAUSING -> refused("the pipe is still pausing; resync it once it is paused");
                default -> refused("pause the pipe first: a resync replaces every table with a fresh copy");
            };
            case RESYNC_TABLE -> switch (s) {
                case RUNNING, PAUSED -> OK;
                case RESYNCING -> already("the pipe is already being resynced");
                case FAILED -> refused("a failed pipe is resynced as a whole, not one table at a time");
                default -> refused("wait until the pipe is running or paused, then resync the table");
            };
            case DELETE -> OK;
        };
    }

    /** What the engine does next with a pipe in {@code status} whose desired state is {@code desired}. */
    public static Step engineStep(PipeStatus status, DesiredState desired) {
        if (desired == DesiredState.DELETED) {
            return Step.DELETE;
        }
        if (status == PipeStatus.FAILED) {
            return Step.HOLD;
        }
        return desired == DesiredState.PAUSED ? Step.PAUSE : Step.RUN;
    }

    private static Verdict already(String why) {
        return new Verdict(Verdict.Kind.ALREADY, why);
    }

    private static Verdict refused(String why) {
        return new Verdict(Verdict.Kind.REFUSED, why);
    }
}
