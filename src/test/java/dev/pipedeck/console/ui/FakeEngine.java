package dev.pipedeck.console.ui;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.PipeStatus;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.time.Instant;

/**
 * Plays the engine in window tests: moves a pipe whose desired state changed through PAUSING → PAUSED or
 * RESUMING → RUNNING, one step per tick, and remembers when it reported each final status.
 */
final class FakeEngine implements AutoCloseable {
    private final PipeRepository pipes;
    private final Thread thread;
    private volatile boolean running = true;
    final Map<String, Instant> reported = new ConcurrentHashMap<>();

    FakeEngine(PipeRepository pipes, long tickMillis) {
        this.pipes = pipes;
        this.thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(tickMillis);
                    tick();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // catalog hiccup: next tick
                }
            }
        }, "fake-engine");
        thread.setDaemon(true);
        thread.start();
    }

    private void tick() {
        Actor engine = Actor.of(Actor.Kind.ENGINE);
        for (Pipe p : pipes.list()) {
            if (p.desiredState() == DesiredState.PAUSED) {
                if (p.status() == PipeStatus.RUNNING || p.status() == PipeStatus.RESUMING) {
                    pipes.updateStatus(p.id(), PipeStatus.PAUSING, "pausing at a transaction boundary", engine);
                } else if (p.status() == PipeStatus.PAUSING) {
                    pipes.recordConsistentAsOf(p.id(), 0x2002F00L, Instant.now().minusSeconds(1));
                    pipes.updateStatus(p.id(), PipeStatus.PAUSED, "paused", engine);
                    reported.put(p.name() + ":PAUSED", Instant.now());
                }
            } else if (p.desiredState() == DesiredState.RUNNING) {
                if (p.status() == PipeStatus.PAUSED || p.status() == PipeStatus.PAUSING) {
                    pipes.updateStatus(p.id(), PipeStatus.RESUMING, "reconnecting to the slot", engine);
                } else if (p.status() == PipeStatus.RESUMING) {
                    pipes.updateStatus(p.id(), PipeStatus.RUNNING, "streaming", engine);
                    reported.put(p.name() + ":RUNNING", Instant.now());
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
