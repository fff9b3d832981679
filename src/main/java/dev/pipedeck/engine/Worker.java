package dev.pipedeck.engine;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.CatalogException;
import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.PauseGuardRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeNotifications;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.SnapshotRangeRepository;
import dev.pipedeck.catalog.WorkerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
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
 *
 * <p>A fleet of workers shares the pipes: each registers in the catalog (table {@code worker}) holding a worker lock
 * on its lock session, writes a heartbeat, and holds at most its share of the pipes ({@link PipeShare}: the live
 * workers' even split, capped by {@code --max-pipes}). A worker above its share — because a new worker joined —
 * stops the extra pipes at a batch boundary and lets them go; a worker below it claims free ones. A worker that dies
 * loses its session, so its pipes and its place in the count are free at once.
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
    private final WorkerRepository workers;
    /** Pipes being handed over: asked to stop, their lock released once their runner has finished. */
    private final Set<Long> leaving = ConcurrentHashMap.newKeySet();
    /** Longest wait between attempts to read the catalog while it does not answer. */
    static final long CATALOG_BACKOFF_CAP_MS = 5_000;
    /** Failed reconciles in a row (0: the catalog answers), when the outage began, and when to try next. */
    private int catalogFailures;
    private long catalogDownSince;
    private long nextReconcileNanos;
    private volatile boolean heartbeatFailing;
    private volatile Integer maxPipes;
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
        this.workers = new WorkerRepository(catalog.dataSource());
    }

    /** Holds at most {@code n} pipes (null: no limit beyond the even share). Set before {@link #start()}. */
    public Worker maxPipes(Integer n) {
        if (n != null && n < 1) {
            throw new IllegalArgumentException("--max-pipes must be at least 1, not " + n);
        }
        this.maxPipes = n;
        return this;
    }

    /** The version a worker registers with: the jar's, or "dev" when run from classes. */
    static String version() {
        String v = Worker.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public String id() {
        return id;
    }

    /** Starts the worker's threads and returns. */
    public void start() {
        register();
        notifications = PipeNotifications.start(catalog.jdbcUrl(), this::onNotification);
        long poll = options.pollInterval().toMillis();
        // the first claim waits one poll period, so workers started together see each other before claiming
        scheduler.scheduleWithFixedDelay(this::reconcileSafely, poll, poll, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::heartbeatSafely, HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
        long sample = options.slotSampleInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sampleSafely, sample, sample, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::pruneSafely, 1, 60, TimeUnit.MINUTES);
        LOG.info("worker {} started", id);
    }

    /** How often a worker writes its heartbeat into the catalog. */
    static final long HEARTBEAT_MS = 2_000;

    /**
     * Registers in the catalog and takes the worker lock that marks this worker live. Refused when a worker with the
     * same id is running.
     */
    private void register() {
        int key = workers.lockKey(id);
        boolean locked;
        try {
            locked = locks.tryLockWorker(key);
        } catch (java.sql.SQLException e) {
            throw new CatalogException("could not register worker " + id + " in the catalog: "
                    + e.getMessage(), e);
        }
        if (!locked) {
            throw new IllegalStateException("Another worker with the id " + id + " is running on this catalog. Stop it, "
                    + "or give this worker another --id.");
        }
        workers.register(id, actor.host(), version(), maxPipes);
        LOG.info("worker {} registered (max pipes: {})", id, maxPipes == null ? "no limit" : maxPipes);
    }

    private void heartbeatSafely() {
        try {
            workers.heartbeat(id, owned.size());
            heartbeatFailing = false;
        } catch (RuntimeException e) {
            if (!heartbeatFailing) { // once per outage; reconcileSafely says when the catalog answers again
                LOG.warn("worker {}: could not write its heartbeat to the catalog: {}", id, e.getMessage());
            }
            heartbeatFailing = true;
        }
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

    private synchronized void reconcileSafely() {
        if (catalogFailures > 0 && System.nanoTime() < nextReconcileNanos) {
            return; // backing off while the catalog does not answer
        }
        try {
            reconcile();
            if (catalogFailures > 0) {
                LOG.warn("worker {}: the catalog answers again after {} s; claiming pipes as before", id,
                        (System.nanoTime() - catalogDownSince) / 1_000_000_000);
                catalogFailures = 0;
            }
        } catch (RuntimeException e) {
            if (catalogFailures == 0) {
                catalogDownSince = System.nanoTime();
                LOG.warn("worker {}: could not read the catalog ({}); its running pipes go on, and it tries again "
                        + "with back-off (at most every {} s) and says here when the catalog answers again", id,
                        e.getMessage(), CATALOG_BACKOFF_CAP_MS / 1000, e);
            }
            catalogFailures++;
            long wait = Math.min(options.pollInterval().toMillis() << Math.min(catalogFailures, 10), CATALOG_BACKOFF_CAP_MS);
            nextReconcileNanos = System.nanoTime() + wait * 1_000_000;
        }
    }

    private synchronized void reconcile() {
        if (closed) {
            return;
        }
        if (!owned.isEmpty() && !locks.isHeld()) {
            // the lock session died (catalog restart, network): other workers may take these pipes now
            LOG.warn("worker {} lost its catalog session; stopping its pipes to claim them again", id);
            owned.forEach(this::abandon);
            locks.close();
        }
        for (Map.Entry<Long, Owned> e : owned.entrySet()) {
            if (!locks.holds(e.getKey())) {
                // its lock was on a session that ended since (PipeLocks said so when it opened another)
                abandon(e.getKey(), e.getValue());
            }
        }
        if (!locks.holdsWorkerLock()) {
            register(); // a new lock session: be counted live again before claiming
        }
        List<Pipe> all = pipes.list();
        Set<Long> lockedElsewhere = pipes.ownedByLiveWorkers();
        int limit = PipeShare.limit(all.size(), workers.liveCapacities(), id, maxPipes);
        Set<Long> present = new HashSet<>();
        for (Pipe p : all) {
            present.add(p.id());
            Owned o = owned.get(p.id());
            if (o != null && o.runner().finished()) {
                release(p.id(), o);
                o = null;
            }
            if (o == null && !lockedElsewhere.contains(p.id()) && !leaving.remove(p.id()) && owned.size() < limit) {
                tryClaim(p);
            }
        }
        if (owned.size() > limit || !leaving.isEmpty()) {
            Map<Long, Pipe> byId = new java.util.HashMap<>();
            all.forEach(p -> byId.put(p.id(), p));
            handOver(owned.size() - limit, byId);
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

    /**
     * Lets pipes go to workers below their share, {@code excess} in all counting those already leaving. Each is asked to
     * stop at a batch boundary (what it read is written and confirmed first); its lock is released only once its runner
     * has finished (the "finished" branch of {@link #reconcile()}), so two runners never work on one pipe. Pipes in
     * SETUP are not handed over (their slot is being created); streaming, paused and failed ones go first, newest
     * claims first.
     */
    private void handOver(int excess, Map<Long, Pipe> byId) {
        leaving.retainAll(owned.keySet());
        int more = excess - leaving.size();
        if (more <= 0) {
            return;
        }
        List<Long> candidates = new ArrayList<>();
        for (Long pipeId : owned.keySet()) {
            Pipe p = byId.get(pipeId);
            if (!leaving.contains(pipeId) && p != null && p.status() != PipeStatus.SETUP) {
                candidates.add(pipeId);
            }
        }
        candidates.sort(Comparator.comparing((Long pipeId) -> settled(byId.get(pipeId)) ? 0 : 1)
                .thenComparing(Comparator.reverseOrder()));
        for (Long pipeId : candidates.subList(0, Math.min(more, candidates.size()))) {
            leaving.add(pipeId);
            owned.get(pipeId).runner().stop();
            LOG.info("worker {} holds {} pipes, above its share: handing pipe {} over", id, owned.size(),
                    byId.get(pipeId).name());
        }
    }

    private static boolean settled(Pipe p) {
        return switch (p.status()) {
            case RUNNING, PAUSED, FAILED -> true;
            default -> false;
        };
    }

    /** Stops a pipe whose claim this worker may have lost, writing nothing more, and lets it go. */
    private void abandon(long pipeId, Owned o) {
        o.runner().claimLost();
        release(pipeId, o);
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
            if (e.getValue().thread().isAlive()) {
                // still inside a write: its claim goes with the lock session below, so it must write nothing more
                LOG.warn("worker {}: pipe {} did not stop within 15 s; it stops without writing more, and another "
                        + "worker continues it from its last confirmed position.", id, e.getKey());
                e.getValue().runner().claimLost();
            }
            try {
                pipes.setOwner(e.getKey(), null);
            } catch (RuntimeException ex) {
                LOG.debug("could not clear owner of pipe {}: {}", e.getKey(), ex.getMessage());
            }
        }
        try {
            workers.stopped(id);
        } catch (RuntimeException ex) {
            LOG.debug("could not record that worker {} stopped: {}", id, ex.getMessage());
        }
        locks.close();
        owned.clear();
    }
}
