package dev.pipedeck.change;

/** Whether retrying can help. */
public enum FailureKind {
    /** Connection lost, timeouts, server busy: retry with back-off. */
    TRANSIENT,
    /** Wrong credentials, missing objects, incompatible schema: a person must act; the message says what to do. */
    PERMANENT
}
