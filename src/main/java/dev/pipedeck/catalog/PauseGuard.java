package dev.pipedeck.catalog;

import java.time.Duration;
import java.time.Instant;

/**
 * The guard of a pause: resume automatically at {@code resumeAt} and/or once the WAL-budget forecast falls under
 * {@code resumeBelow}. Data on the pause, not a state: a manual resume or a new pause replaces or removes it.
 */
public record PauseGuard(long pipeId, Instant resumeAt, Duration resumeBelow, String setBy, Instant setAt) {
    /** "at 2026-12-02T10:00:00Z or when less than 30 min of WAL budget is left". */
    public String text() {
        String at = resumeAt == null ? null : "at " + resumeAt;
        String below = resumeBelow == null ? null : "when less than " + WalForecast.duration(resumeBelow.toSeconds()) + " of WAL budget is left";
        return "resumes automatically " + (at == null ? below : below == null ? at : at + " or " + below);
    }
}
