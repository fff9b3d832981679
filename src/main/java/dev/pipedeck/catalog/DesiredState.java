package dev.pipedeck.catalog;

/** What the operator asked for; the engine moves the status toward it. */
public enum DesiredState {
    RUNNING, PAUSED, DELETED
}
