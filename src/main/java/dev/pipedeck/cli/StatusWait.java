package dev.pipedeck.cli;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.PipeStatus;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Follows a pipe's status in the catalog until it reaches a target or time runs out. Polls (no LISTEN needed: the
 * poll period bounds the delay anyway) and gives up early when the pipe fails after the request or disappears.
 */
final class StatusWait {
    record Outcome(boolean reached, String message) {}

    private final PipeRepository pipes;
    private final Duration pollEvery;

    StatusWait(PipeRepository pipes, Duration pollEvery) {
        this.pipes = pipes;
        this.pollEvery = pollEvery;
    }

    Outcome await(String name, PipeStatus target, Duration timeout) {
        return await(name, target.toString(), "is " + target, p -> p.status() == target, timeout);
    }

    /**
     * Waits until {@code done} holds for the pipe ({@code what}: what is waited for, "RUNNING" or "the resync of
     * table x"; {@code reachedText}: the end of "pipe 'n' ..." once it holds).
     */
    Outcome await(String name, String what, String reachedText, Predicate<Pipe> done, Duration timeout) {
        String target = what;
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean sawNotFailed = false;
        PipeStatus last = null;
        String reason = null;
        while (true) {
            Optional<Pipe> p = pipes.find(name);
            if (p.isEmpty()) {
                return new Outcome(false, "pipe '" + name + "' was deleted while waiting for " + target);
            }
            last = p.get().status();
            reason = p.get().statusReason();
            if (done.test(p.get())) {
                return new Outcome(true, "pipe '" + name + "' " + reachedText);
            }
            if (last != PipeStatus.FAILED) {
                sawNotFailed = true;
            } else if (sawNotFailed) {
                String err = p.get().lastError();
                return new Outcome(false, "pipe '" + name + "' failed while waiting for " + target
                        + (err == null ? "" : ": " + err));
            }
            if (System.nanoTime() >= deadline) {
                return new Outcome(false, "pipe '" + name + "' did not reach " + target + " within " + DurationText.format(timeout)
                        + ": it is stuck in " + last + (reason == null ? "" : " (" + reason + ")")
                        + (p.get().ownerWorker() == null ? "; no worker owns it — is a worker running?" : ""));
            }
            try {
                Thread.sleep(Math.min(pollEvery.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, "interrupted while waiting for pipe '" + name + "' (status " + last + ")");
            }
        }
    }
}
