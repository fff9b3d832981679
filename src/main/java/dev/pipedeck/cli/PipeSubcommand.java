package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.InitialLoadProgress;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.PauseGuardRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.engine.SourceCleanup;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.concurrent.Callable;

/** What every {@code pipe} subcommand shares: the root's streams and a catalog opened for the one call. */
abstract class PipeSubcommand implements Callable<Integer> {
    @ParentCommand
    PipeCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    PipedeckCommand root() {
        return parent.root;
    }

    @Override
    public final Integer call() {
        validate();
        try (Catalog catalog = root().openCatalog(spec.commandLine())) {
            return run(catalog);
        }
    }

    abstract int run(Catalog catalog);

    /** Input checks that need no catalog, so a typo is answered even when the catalog is down. */
    void validate() {
    }

    PipeControl control(Catalog catalog, PipeChecks checks, SourceCleanup cleanup) {
        return new PipeControl(catalog, root().secrets(), checks, cleanup);
    }

    /**
     * A control service for requests that need neither checks, cleanup nor passwords (pause, resume, list, status).
     * It gets a throw-away key: reading the real one could create a key file as a side effect of {@code pipe list},
     * and a key file that differs from the workers' key is a trap for a later {@code pipe create} on this machine.
     */
    PipeControl control(Catalog catalog) {
        return new PipeControl(catalog, new SecretBox(NO_SECRETS_NEEDED), PipeChecks.NONE, SourceCleanup.NONE);
    }

    private static final byte[] NO_SECRETS_NEEDED = "pipedeck: this command decrypts nothing".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    static PipeView view(Catalog catalog, Pipe p) {
        MetricsRepository metrics = new MetricsRepository(catalog.dataSource());
        SlotSampleRow s = metrics.latestSlotSamples().get(p.id());
        return new PipeView(p, s, new PauseGuardRepository(catalog.dataSource()).find(p.id()).orElse(null),
                initialLoad(metrics, p));
    }

    /** The pipe's initial-load progress: rows copied of the estimate, rate and time left, per table. */
    static InitialLoadProgress initialLoad(MetricsRepository metrics, Pipe p) {
        Instant now = Instant.now();
        return InitialLoadProgress.of(metrics.tableCounters(p.id()),
                metrics.batchesSince(p.id(), now.minus(InitialLoadProgress.RATE_WINDOW)), now);
    }
}
