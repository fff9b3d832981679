package dev.pipedeck.console.workers;

import dev.pipedeck.catalog.WorkerInfo;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One line of the Workers view, as text. */
public record WorkerRow(String id, String state, String host, String version, String pipes, String heartbeat,
                        String started, boolean attention) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static WorkerRow of(WorkerInfo w, ZoneId zone) {
        String state = switch (w.state()) {
            case LIVE -> "Live";
            case QUIET -> "Gone quiet: no heartbeat for " + w.heartbeatAge().toSeconds() + " s";
            case GONE -> "Gone: its session ended; its pipes run elsewhere";
            case STOPPED -> "Stopped";
        };
        String pipes = w.pipes().isEmpty() ? "—" : w.pipes().size() + ": " + String.join(", ", w.pipes());
        if (w.maxPipes() != null) {
            pipes += " (max " + w.maxPipes() + ")";
        }
        return new WorkerRow(w.id(), state, w.host(), w.version(), pipes, w.heartbeatAge().toSeconds() + " s ago",
                TIME.format(w.startedAt().atZone(zone)), w.state() == WorkerInfo.State.QUIET || w.state() == WorkerInfo.State.GONE);
    }
}
