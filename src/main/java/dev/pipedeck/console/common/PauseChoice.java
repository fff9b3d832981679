package dev.pipedeck.console.common;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What the Pause dialog asks besides "yes": the pause's guard.
 *
 * @param pauseFor    resume automatically after this long (null: not)
 * @param resumeBelow resume automatically once less WAL budget than this is left (null: not)
 */
public record PauseChoice(Duration pauseFor, Duration resumeBelow) {
    public static final PauseChoice NO_GUARD = new PauseChoice(null, null);

    /** The choices the dialog offers for "resume automatically after" (null: never). */
    public static final List<Duration> PAUSE_FOR = Arrays.asList(null, Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8));
    /** The choices for "resume when less WAL budget than this is left" (null: never). */
    public static final List<Duration> RESUME_BELOW = Arrays.asList(null, Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2));
}
