package dev.pipedeck.catalog;

/** What a pipe is doing now. Only the engine moves it (see DESIGN.md "Pipe status"). */
public enum PipeStatus {
    SETUP, SNAPSHOT, RUNNING, PAUSING, PAUSED, RESUMING, FAILED, DELETING;

    /** A status on the way to another one, during which Pause/Resume are not offered. */
    public boolean isTransitional() {
        return this == PAUSING || this == RESUMING || this == DELETING;
    }

    /** "Running", "Paused", ... as shown to people. */
    public String label() {
        String n = name();
        return n.charAt(0) + n.substring(1).toLowerCase();
    }
}
