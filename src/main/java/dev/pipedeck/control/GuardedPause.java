package dev.pipedeck.control;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.PauseGuard;
import dev.pipedeck.catalog.PauseGuardRepository;
import dev.pipedeck.catalog.Pipe;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Pause with a guard ("pause for 2 h", "resume when less than 30 min of WAL budget is left") and resume, which
 * clears the guard. The pause itself follows {@link PipeControl}'s rules; the guard is data on the pause that the
 * engine enforces (see the worker's slot sampler), so it holds with no console open.
 */
public final class GuardedPause {
    private final PipeControl control;
    private final PauseGuardRepository guards;

    public GuardedPause(Catalog catalog, PipeControl control) {
        this.control = control;
        this.guards = new PauseGuardRepository(catalog.dataSource());
    }

    /**
     * @param pauseFor    resume automatically after this long (null: no time limit)
     * @param resumeBelow resume automatically when the WAL-budget forecast falls under this (null: no margin)
     */
    public ControlResult pause(String name, Actor actor, Duration pauseFor, Duration resumeBelow) {
        if (pauseFor != null && (pauseFor.isNegative() || pauseFor.isZero())) {
            throw new IllegalArgumentException("--for must be a positive duration such as 2h (got " + pauseFor + ")");
        }
        if (resumeBelow != null && (resumeBelow.isNegative() || resumeBelow.isZero())) {
            throw new IllegalArgumentException("--resume-below must be a positive duration such as 30m (got " + resumeBelow + ")");
        }
        ControlResult r = control.pause(name, actor);
        if (r.refused()) {
            return r;
        }
        Pipe p = r.pipe();
        if (pauseFor == null && resumeBelow == null) {
            boolean had = guards.clear(p.id());
            return had ? new ControlResult(r.outcome(), r.message() + "; the earlier pause's guard is removed", p) : r;
        }
        PauseGuard g = new PauseGuard(p.id(), pauseFor == null ? null : Instant.now().plus(pauseFor), resumeBelow,
                actor.toString(), Instant.now());
        guards.set(g);
        return new ControlResult(r.outcome(), r.message() + "; it " + g.text(), p);
    }

    /** Resume (which removes the pause's guard). */
    public ControlResult resume(String name, Actor actor) {
        ControlResult r = control.resume(name, actor);
        if (!r.refused()) {
            guards.clear(r.pipe().id());
        }
        return r;
    }

    public Optional<PauseGuard> guard(long pipeId) {
        return guards.find(pipeId);
    }
}
