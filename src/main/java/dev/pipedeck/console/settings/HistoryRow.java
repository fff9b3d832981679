package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.common.PipeDisplay;

/** One line of a pipe's History on Settings: when, who, from where, what, the status change and the message. */
public record HistoryRow(String when, String who, String where, String action, String change, String message) {

    static HistoryRow of(AuditEvent e) {
        Actor a = e.actor();
        String who = a.user() == null ? "unknown" : a.user() + (a.host() == null ? "" : "@" + a.host());
        return new HistoryRow(PipeDisplay.time(e.at()), who, where(a.kind()), action(e.action()), change(e.fromState(), e.toState()),
                e.message() == null ? "" : e.message());
    }

    private static String where(Actor.Kind k) {
        return switch (k) {
            case CONSOLE -> "Console";
            case CLI -> "CLI";
            case ENGINE -> "Engine";
            case TEST -> "Test";
        };
    }

    private static String action(String a) {
        if (a == null || a.isEmpty()) {
            return "";
        }
        return "status".equals(a) ? "Status change" : Character.toUpperCase(a.charAt(0)) + a.substring(1);
    }

    private static String change(String from, String to) {
        if (from == null && to == null) {
            return "";
        }
        if (from != null && from.equals(to)) {
            return label(from);
        }
        return (from == null ? "—" : label(from)) + " → " + (to == null ? "gone" : label(to));
    }

    private static String label(String state) {
        try {
            return PipeStatus.valueOf(state).label();
        } catch (IllegalArgumentException e) {
            return state;
        }
    }
}
