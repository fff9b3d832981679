package dev.pipedeck.bench;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.PipeSpec;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * 2. Steady latency: a writer at 5,000 rows/s (mixed) for 60 s; for each commit, the time from the commit returning
 * to the pipe's consistent-as-of position in the catalog reaching it. That position is recorded only after the
 * destination has the batch, so it is commit-to-visible as the catalog knows it; the catalog is polled every 10 ms.
 */
final class SteadyLatencyScenario implements Scenario {
    @Override
    public int number() {
        return 2;
    }

    @Override
    public String title() {
        return "steady latency";
    }

    @Override
    public Report run(BenchEnvironment env, BenchSettings settings) throws Exception {
        String name = "bench-latency";
        String db = env.runningOrdersPipe("bench_latency", name, "bench-2", 100_000);
        List<Long> latencies = new ArrayList<>();
        CpuMeter cpu = new CpuMeter(env);
        String split;
        long rows;
        double seconds;
        String profile;
        String components;
        List<BenchResult> cpuResults;
        try (Connection catalog = DriverManager.getConnection(env.catalogUrl());
             SteadyWriter writer = new SteadyWriter(() -> env.source(db), 100_001, BenchSettings.RATE);
             StackProfiler profiler = new StackProfiler(t -> t.equals("pipe-" + name));
             CpuMeter.Recording recording = cpu.record()) {
            long t0 = System.nanoTime();
            long end = t0 + settings.seconds() * 1_000_000_000L;
            while (System.nanoTime() < end) {
                collect(writer, SteadyWriter.consistentLsn(catalog, name), latencies);
                Thread.sleep(10);
            }
            long lastLsn = writer.stop();
            seconds = (System.nanoTime() - t0) / 1e9;
            rows = writer.rowsWritten.get();
            long drainDeadline = System.nanoTime() + 120_000_000_000L;
            while (!writer.commits.isEmpty()) {
                if (System.nanoTime() > drainDeadline) {
                    throw new IllegalStateException("the pipe did not catch up within 120 s of the writer stopping");
                }
                collect(writer, SteadyWriter.consistentLsn(catalog, name), latencies);
                Thread.sleep(10);
            }
            env.waitCaughtUp(name, lastLsn, Duration.ofMinutes(2));
            profile = profiler.describe(6);
            recording.close();
            split = recording.describe(6);
            components = recording.describeComponents();
            cpuResults = recording.componentResults(2, "during the run");
        }
        env.control().pause(name, BenchEnvironment.BENCH);
        env.waitForStatus(name, PipeStatus.PAUSED, Duration.ofMinutes(2));
        env.stopWorkers();

        Distribution d = Distribution.of(latencies);
        List<BenchResult> results = new java.util.ArrayList<>(List.of(
                BenchResult.info(2, "writer rate achieved", rows / seconds, "rows/s"),
                BenchResult.below(2, "commit -> visible p50", d.p50(), "ms", 1000),
                BenchResult.info(2, "commit -> visible p95", d.p95(), "ms"),
                BenchResult.below(2, "commit -> visible p99", d.p99(), "ms", 1000),
                BenchResult.info(2, "commit -> visible max", d.max(), "ms")));
        results.addAll(cpuResults);
        return new Report(results, List.of(
                String.format("2: %,d commits measured over %.0f s; pipe sync interval %s (the default)", d.count(), seconds,
                        PipeSpec.DEFAULT_SYNC_INTERVAL),
                "2: CPU during the run: " + components + "; by thread/process: " + split,
                "2: pipe thread, sampled every 10 ms: " + profile));
    }

    private static void collect(SteadyWriter writer, long consistent, List<Long> latencies) {
        long now = System.nanoTime();
        SteadyWriter.Commit c;
        while ((c = writer.commits.peek()) != null && Long.compareUnsigned(c.lsn(), consistent) <= 0) {
            writer.commits.poll();
            latencies.add((now - c.committedNanos()) / 1_000_000);
        }
    }
}
