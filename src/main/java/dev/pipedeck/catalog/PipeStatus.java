package dev.pipedeck.catalog;

/**
 * What a pipe is doing now. Only the engine moves it (see DESIGN.md "Pipe status"); which requests each status allows
 * is {@link PipeLifecycle}'s table.
 */
public enum PipeStatus {
    SETUP, SNAPSHOT, RUNNING, PAUSING, PAUSED, RESUMING,
    /** The engine applies an edit made while the pipe was paused (tables added or removed), then runs. */
    MODIFYING,
    /** The engine copies the pipe, or one of its tables, afresh and swaps the copy in. */
    RESYNCING,
    FAILED, DELETING;

    /** A status on the way to another one, which the engine moves on by itself. */
    public boolean isTransitional() {
        return this == PAUSING || this == RESUMING || this == MODIFYING || this == RESYNCING || this == DELETING;
    }

    /** "Running", "Paused", ... as shown to people. */
    public String label() {
        String n = name();
        return n.charAt(0) + n.substring(1).toLowerCase();
    }
}
