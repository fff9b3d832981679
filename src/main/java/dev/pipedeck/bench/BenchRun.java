package dev.pipedeck.bench;

import dev.pipedeck.catalog.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the chosen scenarios one after another in one environment. A scenario that fails is reported and the others
 * still run; missed targets are results, not failures.
 */
public final class BenchRun {
    private static final Logger LOG = LoggerFactory.getLogger(BenchRun.class);
    private static final List<Scenario> ALL = List.of(new BacklogDrainScenario(), new SteadyLatencyScenario(),
            new SnapshotScenario(), new PauseResumeScenario(), new MemoryScenario(), new UpdatesDrainScenario(),
            new ClusterDrainScenario());

    /** What a run produced. */
    public record Outcome(String destination, Machine machine, Instant startedAt, List<BenchResult> results,
                          List<String> notes, List<String> errors) {}

    private BenchRun() {}

    /** Runs; progress lines go to {@code progress} (stderr: stdout carries the table). */
    public static Outcome run(BenchSettings settings, PrintStream progress) {
        Instant started = Instant.now();
        List<BenchResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (BenchEnvironment env = BenchEnvironment.start(settings.clickHouse())) {
            progress.println("bench: destination " + env.destinationKind() + ", " + Machine.current().describe());
            for (int n : settings.scenarios()) {
                Scenario s = ALL.stream().filter(x -> x.number() == n).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no scenario " + n + " (1-7)"));
                progress.println("bench: scenario " + n + " (" + s.title() + ") ...");
                long t0 = System.nanoTime();
                try {
                    Scenario.Report r = s.run(env, settings);
                    results.addAll(r.results());
                    notes.addAll(r.notes());
                    r.notes().forEach(line -> progress.println("bench:   " + line));
                } catch (Exception e) {
                    LOG.warn("scenario {} failed", n, e);
                    errors.add(n + ": " + e.getMessage());
                    progress.println("bench: scenario " + n + " FAILED: " + e.getMessage());
                    env.stopWorkers();
                }
                progress.printf("bench: scenario %d took %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
            }
            return new Outcome(env.destinationKind(), Machine.current(), started, results, notes, errors);
        }
    }

    public static void writeJson(Outcome o, BenchSettings settings) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startedAt", o.startedAt().toString());
        m.put("destination", o.destination());
        m.put("machine", o.machine().toJson());
        m.put("rows", settings.rows());
        m.put("scenarios", settings.scenarios());
        m.put("results", o.results().stream().map(BenchResult::toJson).toList());
        m.put("notes", o.notes());
        m.put("errors", o.errors());
        if (settings.json().getParent() != null) {
            Files.createDirectories(settings.json().getParent());
        }
        Files.writeString(settings.json(), Json.pretty(m) + "\n");
    }
}
