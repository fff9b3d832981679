package dev.pipedeck.cli;

import dev.pipedeck.bench.BenchResult;
import dev.pipedeck.bench.BenchRun;
import dev.pipedeck.bench.BenchSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pipedeck bench}: sets up its own embedded Postgres, catalog and destination (ClickHouse when a server binary
 * is installed, else DuckDB), runs the scenarios of BENCHMARKS.md and prints one table (stdout) and, with
 * {@code --json}, a machine-readable file. Exits non-zero only when a scenario could not run, not on a missed target.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the end-to-end benchmark scenarios (1 backlog drain, 2 steady latency, 3 initial snapshot, "
                + "4 pause/resume latency, 5 memory, 6 backlog of updates, 7 backlog drain into a 2-shard cluster vs one "
                + "server) in an environment of their own.")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    PipedeckCommand root;

    @Option(names = "--scenarios", split = ",", paramLabel = "N,..", description = "Scenarios to run (default: 1,2,3,4,5,6; 7 needs ClickHouse and ZooKeeper).")
    List<Integer> scenarios = List.of(1, 2, 3, 4, 5, 6);

    @Option(names = "--rows", paramLabel = "N", description = "Backlog and big-transaction rows; the snapshot copies 5×N (default ${DEFAULT-VALUE}).")
    long rows = 1_000_000;

    @Option(names = "--seconds", paramLabel = "N", description = "Length of the steady-latency run (default ${DEFAULT-VALUE}).")
    int seconds = 60;

    @Option(names = "--cycles", paramLabel = "N", description = "Pause/resume cycles (default ${DEFAULT-VALUE}).")
    int cycles = 50;

    @Option(names = "--destination", paramLabel = "KIND", description = "clickhouse (when installed, the default) or duckdb.")
    String destination = "clickhouse";

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (!List.of("clickhouse", "duckdb").contains(destination)) {
            throw new CliFailure("bench: --destination must be clickhouse or duckdb, not '" + destination + "'");
        }
        if (scenarios.isEmpty() || scenarios.stream().anyMatch(n -> n < 1 || n > 7)) {
            throw new CliFailure("bench: scenarios are numbered 1 to 7, e.g. --scenarios 1,4");
        }
        if (rows < 1_000 || seconds < 1 || cycles < 1) {
            throw new CliFailure("bench: --rows must be at least 1000, --seconds and --cycles at least 1");
        }
        BenchSettings settings = new BenchSettings(List.copyOf(scenarios), rows, seconds, cycles,
                destination.equals("clickhouse"), json);
        BenchRun.Outcome o = BenchRun.run(settings, root.err());
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"#", "METRIC", "VALUE", "TARGET", "MET"});
        for (BenchResult r : o.results()) {
            table.add(new String[] {Integer.toString(r.scenario()), r.metric(), r.valueText(), r.target(), r.metText()});
        }
        root.out().println("PipeDeck bench, destination " + o.destination() + ", " + o.machine().describe());
        TextTable.print(root.out(), table);
        o.notes().forEach(n -> root.out().println("  " + n));
        o.errors().forEach(e -> root.out().println("  FAILED " + e));
        if (json != null) {
            BenchRun.writeJson(o, settings);
        }
        return o.errors().isEmpty() ? PipedeckCommand.OK : PipedeckCommand.FAILED;
    }
}
