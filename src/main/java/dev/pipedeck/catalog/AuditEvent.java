package dev.pipedeck.catalog;

import java.time.Instant;

/** One line of the audit trail: who changed what, when. */
public record AuditEvent(long id, String pipeName, Instant at, Actor actor, String action, String fromState,
                         String toState, String message) {
}
