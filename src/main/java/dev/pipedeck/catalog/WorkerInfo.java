package dev.pipedeck.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A registered worker as the catalog holds it.
 *
 * @param live      its catalog session still holds its worker lock (false once it stopped or died, at once)
 * @param pipes     names of the pipes it owns now (pipe.owner_worker)
 * @param now       the catalog's clock when this was read (heartbeat ages are measured against it, not the reader's)
 */
public record WorkerInfo(String id, String host, String version, Integer maxPipes, Instant startedAt,
                         Instant heartbeatAt, int pipesHeld, Instant stoppedAt, boolean live, List<String> pipes,
                         Instant now) {
    /** A worker whose heartbeat is older than this is shown as gone quiet. */
    public static final Duration QUIET_AFTER = Duration.ofSeconds(15);

    public WorkerInfo {
        pipes = List.copyOf(pipes);
    }

    public Duration heartbeatAge() {
        return Duration.between(heartbeatAt, now).isNegative() ? Duration.ZERO : Duration.between(heartbeatAt, now);
    }

    /** What an operator needs to know first. */
    public State state() {
        if (stoppedAt != null && !live) {
            return State.STOPPED;
        }
        if (!live) {
            return State.GONE;
        }
        return heartbeatAge().compareTo(QUIET_AFTER) > 0 ? State.QUIET : State.LIVE;
    }

    public enum State {
        /** Running and writing its heartbeat. */
        LIVE,
        /** Its session is alive but it has not written a heartbeat for {@link #QUIET_AFTER}: hung or overloaded. */
        QUIET,
        /** Its session ended without a clean stop (killed, crashed, network): its pipes run elsewhere. */
        GONE,
        /** Stopped cleanly. */
        STOPPED
    }
}
