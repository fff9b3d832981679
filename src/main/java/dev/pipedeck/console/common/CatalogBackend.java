package dev.pipedeck.console.common;

import dev.pipedeck.catalog.WorkerRepository;
import dev.pipedeck.catalog.WorkerInfo;
import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.SnapshotRangeRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.ConnectionPipeChecks;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeEdit;
import dev.pipedeck.control.GuardedPause;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.engine.DefaultConnectionChecks;
import dev.pipedeck.engine.DefaultSourceCleanup;
import dev.pipedeck.engine.verify.PipeVerifier;
import dev.pipedeck.engine.verify.VerifyReport;
import dev.pipedeck.source.pg.PostgresSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link ConsoleBackend} on a real catalog; requests go through {@link PipeControl}. */
public final class CatalogBackend implements ConsoleBackend {
    static final int RECENT_BATCHES = 50;
    static final Duration THROUGHPUT_WINDOW = Duration.ofMinutes(15);
    static final Duration SLOT_WINDOW = Duration.ofHours(1);

    private final Catalog catalog;
    private final PipeRepository pipes;
    private final MetricsRepository metrics;
    private final SnapshotRangeRepository snapshots;
    private volatile PipeControl control;

    public CatalogBackend(Catalog catalog) {
        this.catalog = catalog;
        this.pipes = new PipeRepository(catalog.dataSource());
        this.metrics = new MetricsRepository(catalog.dataSource());
        this.snapshots = new SnapshotRangeRepository(catalog.dataSource());
    }

    @Override
    public ConsoleData load(String selectedPipe) {
        Instant now = Instant.now();
        List<Pipe> all = pipes.list();
        var latest = metrics.latestSlotSamples();
        PipeDetails details = null;
        Optional<Pipe> selected = selectedPipe == null ? Optional.empty()
                : all.stream().filter(p -> p.name().equals(selectedPipe)).findFirst();
        if (selected.isPresent()) {
            Pipe p = selected.get();
            details = new PipeDetails(p, metrics.recentBatches(p.id(), RECENT_BATCHES),
                    metrics.batchesSince(p.id(), now.minus(THROUGHPUT_WINDOW)), metrics.tableCounters(p.id()),
                    metrics.slotSamples(p.id(), now.minus(SLOT_WINDOW)), snapshots.settings(p.id()));
        }
        return new ConsoleData(now, all, latest, details);
    }

    @Override
    public ControlResult pause(String pipeName, Actor actor) {
        return control().pause(pipeName, actor);
    }

    @Override
    public ControlResult pause(String pipeName, Actor actor, PauseChoice guard) {
        return new GuardedPause(catalog, control()).pause(pipeName, actor, guard.pauseFor(), guard.resumeBelow());
    }

    @Override
    public ControlResult resume(String pipeName, Actor actor) {
        return new GuardedPause(catalog, control()).resume(pipeName, actor); // also removes the pause's guard
    }

    @Override
    public VerifyReport verify(String pipeName, Consumer<String> progress) {
        PipeControl c = control();
        return new PipeVerifier(c.credentials()).verify(c.get(pipeName), null, progress::accept);
    }

    @Override
    public ControlResult edit(String pipeName, Integer batchSize, Duration syncInterval, Actor actor) {
        return control().edit(pipeName, batchSize, syncInterval, actor);
    }

    @Override
    public ControlResult edit(String pipeName, PipeEdit edit, Actor actor) {
        return control().edit(pipeName, edit, actor);
    }

    @Override
    public List<PostgresSource.TableInfo> sourceTables(String pipeName) {
        PipeControl c = control();
        return new DefaultConnectionChecks().listTables(c.credentials().sourceUrl(c.get(pipeName)));
    }

    @Override
    public ControlResult resyncTable(String pipeName, TableRef table, Actor actor) {
        return control().resyncTable(pipeName, table, actor);
    }

    @Override
    public PendingTableWork pendingTableWork(String pipeName) {
        Optional<Pipe> p = pipes.find(pipeName);
        if (p.isEmpty()) {
            return PendingTableWork.NONE;
        }
        long id = p.get().id();
        return new PendingTableWork(pipes.tableCopies().pending(id), pipes.resyncs().pendingTable(id));
    }

    @Override
    public ControlResult resync(String pipeName, Actor actor) {
        return control().resync(pipeName, actor);
    }

    @Override
    public java.util.Optional<Duration> lastCopy(String pipeName) {
        return control().lastCopy(pipeName);
    }

    @Override
    public ControlResult delete(String pipeName, Actor actor) {
        return control().delete(pipeName, actor);
    }

    @Override
    public List<AuditEvent> history(String pipeName, int limit) {
        return control().history(pipeName, limit);
    }

    // created on first use: SecretBox may touch the key file, which the read-only views never need
    private PipeControl control() {
        PipeControl c = control;
        if (c == null) {
            SecretBox secrets = SecretBox.fromEnvironment();
            // tables an edit adds are checked against the source like a new pipe's (create has its own wiring); a
            // delete no live worker carries out drops the slot and publication from here
            c = new PipeControl(catalog, secrets, new ConnectionPipeChecks(new DefaultConnectionChecks()),
                    new DefaultSourceCleanup(secrets));
            control = c;
        }
        return c;
    }

    @Override
    public List<WorkerInfo> workers() {
        return new WorkerRepository(catalog.dataSource()).list(Duration.ofHours(24));
    }
}
