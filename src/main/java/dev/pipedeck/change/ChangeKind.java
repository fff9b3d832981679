package dev.pipedeck.change;

public enum ChangeKind {
    /** A row from the initial copy ({@code lsn} = 0, the lowest version). */
    SNAPSHOT,
    INSERT,
    UPDATE,
    DELETE,
    /** The table was truncated at this position; {@code values} is null. */
    TRUNCATE
}
