package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Json;
import dev.pipedeck.catalog.WorkerInfo;
import dev.pipedeck.catalog.WorkerRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pipedeck worker list [--json]}: the registered workers, which pipes each runs, and their heartbeats. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the workers of the catalog: state, pipes held, last heartbeat.")
final class WorkerListCommand implements Callable<Integer> {
    /** Workers stopped or gone for longer than this are left out. */
    static final Duration FORGET_AFTER = Duration.ofHours(24);
    private static final String[] HEADER = {"WORKER", "STATE", "HOST", "VERSION", "PIPES", "MAX", "LAST HEARTBEAT", "STARTED", "RUNS"};

    @ParentCommand
    WorkerCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        PipedeckCommand root = parent.root;
        try (Catalog catalog = root.openCatalog(spec.commandLine())) {
            List<WorkerInfo> workers = new WorkerRepository(catalog.dataSource()).list(FORGET_AFTER);
            if (json) {
                root.out().println(Json.pretty(workers.stream().map(WorkerListCommand::toJson).toList()));
                return PipedeckCommand.OK;
            }
            if (workers.isEmpty()) {
                root.out().println("no workers yet (start one with 'pipedeck worker')");
                return PipedeckCommand.OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (WorkerInfo w : workers) {
                rows.add(new String[] {w.id(), w.state().name(), w.host(), w.version(), Integer.toString(w.pipes().size()),
                        w.maxPipes() == null ? "-" : w.maxPipes().toString(), ago(w.heartbeatAge()), w.startedAt().toString(),
                        w.pipes().isEmpty() ? "-" : String.join(",", w.pipes())});
            }
            TextTable.print(root.out(), rows);
            return PipedeckCommand.OK;
        }
    }

    static Map<String, Object> toJson(WorkerInfo w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("state", w.state().name());
        m.put("live", w.live());
        m.put("host", w.host());
        m.put("version", w.version());
        m.put("maxPipes", w.maxPipes());
        m.put("startedAt", w.startedAt().toString());
        m.put("lastHeartbeat", w.heartbeatAt().toString());
        m.put("heartbeatAgeSeconds", w.heartbeatAge().toSeconds());
        m.put("stoppedAt", w.stoppedAt() == null ? null : w.stoppedAt().toString());
        m.put("pipes", w.pipes());
        return m;
    }

    static String ago(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 7200) {
            return s / 60 + " min ago";
        }
        return s / 3600 + " h ago";
    }
}
