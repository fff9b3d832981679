package dev.pipedeck.engine;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.PauseGuardRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeNotifications;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.SnapshotRangeRepository;
import dev.pipedeck.control.PipeCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the pipes of a catalog: claims each pipe (one owner at a time, through an advisory lock), runs it on a thread
 * of its own toward its desired state, and samples every owned pipe's slot — paused and failed ones too. Woken by
 * catalog notifications, and polls in case one is lost. Runs headless ({@code pipedeck worker}) or inside the console.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final Catalog catalog;
    private final String id;
    private final Connectors connectors;
    private final EngineOptions options;
    private final PipeCredentials credentials;
    private final PipeRepository pipes;
    private final MetricsRepository metrics;
    private final SnapshotRangeRepository ranges;
    private final PauseGuardRepository guards;
    private final Actor actor;
    private final Map<Long, Owned> owned = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "pipedeck-worker");
        t.setDaemon(true);
        return t;
    });
    private final PipeLocks locks;
    private volatile PipeNotifications notifications;
    private volatile boolean closed;

    private record Owned(PipeRunner runner, PipeContext ctx, Thread thread, SlotSampler sampler) {}

    public Worker(Catalog catalog, SecretBox secrets, String id) {
        this(catalog, secrets, id, DefaultConnectors.create(), EngineOptions.defaults());
    }

    public Worker(Catalog catalog, SecretBox secrets, String id, Connectors connectors, EngineOptions options) {
        this.catalog = catalog;
        this.id = id;
        this.connectors = connectors;
        this.options = options;
        this.credentials = new PipeCredentials(secrets);
        this.pipes = new PipeRepository(catalog.dataSource());
        this.metrics = new MetricsRepository(catalog.dataSource());
        this.ranges = new SnapshotRangeRepository(catalog.dataSource());
        this.guards = new PauseGuardRepository(catalog.dataSource());
        this.actor = new Actor(Actor.Kind.ENGINE, id, Actor.of(Actor.Kind.ENGINE).host());
        this.locks = new PipeLocks(catalog.jdbcUrl());
    }

    public String id() {
        return id;
    }

    /** Starts the worker's threads and returns. */
    public void start() {
        notifications = PipeNotifications.start(catalog.jdbcUrl(), this::onNotification);
        long poll = options.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::reconcileSafely, 0, poll, TimeUnit.MILLISECONDS);
        long sample = options.slotSampleInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sampleSafely, sample, sample, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::pruneSafely, 1, 60, TimeUnit.MINUTES);
        LOG.info("worker {} started", id);
    }

    /** Pipe ids this worker owns now. */
    public Set<Long> ownedPipes() {
        return new HashSet<>(owned.keySet());
    }

    /** Failure counters of a pipe this worker owns, or null when it does not own it. */
    public RunCounters counters(long pipeId) {
        Owned o = owned.get(pipeId);
        return o == null ? null : o.ctx().counters;
    }

    private void onNotification(String pipeName) {
        owned.values().forEach(o -> o.runner().wake());
        try {
            scheduler.execute(this::reconcileSafely);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // a notification that arrives while the worker closes: nothing left to reconcile
        }
    }

    private void reconcileSafely() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warn("worker {}: could not read the catalog: {}", id, e.getMessage());
        }
    }

    private synchronized void reconcile() {
        if (closed) {
            return;
        }
        if (!owned.isEmpty() && !locks.isHeld()) {
            // the lock session died (catalog restart, network): other workers may take these pipes now
            LOG.warn("worker {} lost its catalog session; stopping its pipes to claim them again", id);
            owned.forEach(this::release);
            locks.close();
        }
        List<Pipe> all = pipes.list();
        Set<Long> lockedElsewhere = pipes.ownedByLiveWorkers();
        Set<Long> present = new HashSet<>();
        for (Pipe p : all) {
            present.add(p.id());
            Owned o = owned.get(p.id());
            if (o != null && o.runner().finished()) {
                release(p.id(), o);
                o = null;
            }
            if (o == null && !lockedElsewhere.contains(p.id())) {
                tryClaim(p);
            }
        }
        for (Map.Entry<Long, Owned> e : owned.entrySet()) {
            if (!present.contains(e.getKey()) && e.getValue().runner().finished()) {
                release(e.getKey(), e.getValue());
            }
        }
    }

    private void tryClaim(Pipe p) {
        try {
            if (!locks.tryLock(p.id())) {
                return; // another worker claimed it since we looked
            }
        } catch (Exception e) {
            LOG.warn("worker {}: could not try to claim pipe {}: {}", id, p.name(), e.getMessage());
            return;
        }
        pipes.setOwner(p.id(), id);
        PipeContext ctx = new PipeContext(p.id(), pipes, metrics, ranges, actor,
                new DesiredWatch(pipes, p.id(), options.pollInterval()), options);
        PipeRunner runner = new PipeRunner(ctx, connectors, credentials);
        Thread t = new Thread(runner, "pipe-" + p.name());
        t.setDaemon(true);
        SlotSampler sampler = new SlotSampler(p.id(), connectors, credentials, pipes, metrics, runner, ctx.lag,
                options.slotSampleInterval().multipliedBy(6), guards, actor);
        owned.put(p.id(), new Owned(runner, ctx, t, sampler));
        LOG.info("worker {} claimed pipe {}", id, p.name());
        t.start();
    }

    private void release(long pipeId, Owned o) {
        owned.remove(pipeId, o);
        o.runner().stop();
        try {
            o.thread().join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        locks.unlock(pipeId);
    }

    private void sampleSafely() {
        for (Owned o : owned.values()) {
            try {
                o.sampler().sample();
            } catch (RuntimeException e) {
                LOG.debug("worker {}: slot sample failed: {}", id, e.getMessage());
            }
        }
    }

    private void pruneSafely() {
        try {
            metrics.pruneSlotSamples();
        } catch (RuntimeException e) {
            LOG.debug("worker {}: pruning slot samples failed: {}", id, e.getMessage());
        }
    }

    /** Stops every pipe this worker runs (at a transaction boundary) and releases them to other workers. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        scheduler.shutdownNow();
        if (notifications != null) {
            notifications.close();
        }
        owned.values().forEach(o -> o.runner().stop());
        for (Map.Entry<Long, Owned> e : owned.entrySet()) {
            try {
                e.getValue().thread().join(15_000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            try {
                pipes.setOwner(e.getKey(), null);
            } catch (RuntimeException ex) {
                LOG.debug("could not clear owner of pipe {}: {}", e.getKey(), ex.getMessage());
            }
        }
        locks.close();
        owned.clear();
    }
}
