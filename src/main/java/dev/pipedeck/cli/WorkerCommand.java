package dev.pipedeck.cli;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Redaction;
import dev.pipedeck.engine.Worker;
import dev.pipedeck.engine.metrics.MetricsEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code pipedeck worker [--catalog URL] [--id NAME] [--max-pipes N]}: a headless worker that runs its share of the
 * pipes until Ctrl+C; {@code pipedeck worker list} shows the fleet.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Run pipes headless until interrupted (Ctrl+C).",
        subcommands = WorkerListCommand.class)
final class WorkerCommand implements Callable<Integer> {
    @ParentCommand
    PipedeckCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--id", paramLabel = "NAME", description = "Worker name shown as a pipe's owner (default: host-pid).")
    String id;

    @Option(names = "--max-pipes", paramLabel = "N",
            description = "Hold at most N pipes (default: no limit beyond an even share of the live workers').")
    Integer maxPipes;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve /metrics (Prometheus text format) of this worker's pipes on this port, e.g. 9464.")
    Integer metricsPort;

    @Override
    public Integer call() throws InterruptedException {
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--metrics-port must be a port number (0-65535), not " + metricsPort);
        }
        String workerId = id != null && !id.isBlank() ? id : defaultId();
        if (maxPipes != null && maxPipes < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-pipes must be at least 1, not " + maxPipes);
        }
        Catalog catalog = root.openCatalog(spec.commandLine());
        Worker worker = new Worker(catalog, root.secrets(), workerId).maxPipes(maxPipes);
        try {
            worker.start();
        } catch (IllegalStateException duplicate) {
            catalog.close();
            throw new CliFailure(duplicate.getMessage());
        }
        MetricsEndpoint endpoint = null;
        if (metricsPort != null) {
            try {
                endpoint = MetricsEndpoint.start(worker, catalog, metricsPort);
            } catch (RuntimeException e) {
                worker.close();
                catalog.close();
                throw e;
            }
            root.out().println("serving /metrics on port " + endpoint.port());
        }
        MetricsEndpoint served = endpoint;
        root.out().println("worker " + workerId + " running on catalog "
                + Redaction.redactUrl(catalog.jdbcUrl()) + " (Ctrl+C stops it at a transaction boundary)");
        UntilInterrupted.block("pipedeck-worker-stop", () -> {
            if (served != null) {
                served.close();
            }
            worker.close();
            catalog.close();
        });
        return PipedeckCommand.OK;
    }

    static String defaultId() {
        return Actor.of(Actor.Kind.ENGINE).host() + "-" + ProcessHandle.current().pid();
    }
}
