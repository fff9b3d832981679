package dev.pipedeck.bench;

import dev.pipedeck.catalog.PipeStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * 4. Pause / resume latency under a steady 5,000 rows/s: for each cycle, request → PAUSED and request → RUNNING as
 * the catalog shows them (polled every 10 ms), after a run of 1.0-1.4 s so each pause has a batch in flight.
 */
final class PauseResumeScenario implements Scenario {
    @Override
    public int number() {
        return 4;
    }

    @Override
    public String title() {
        return "pause / resume latency";
    }

    @Override
    public Report run(BenchEnvironment env, BenchSettings settings) throws Exception {
        String name = "bench-pause";
        String db = env.runningOrdersPipe("bench_pause", name, "bench-4", 10_000);
        List<Long> pause = new ArrayList<>();
        List<Long> resume = new ArrayList<>();
        long rows;
        double seconds;
        double catchUp;
        String pauseProfile;
        String resumeProfile;
        String components;
        List<BenchResult> cpuResults;
        try (CpuMeter.Recording recording = new CpuMeter(env).record();
             SteadyWriter writer = new SteadyWriter(() -> env.source(db), 10_001, BenchSettings.RATE);
             StackProfiler pauses = new StackProfiler(t -> t.equals("pipe-" + name));
             StackProfiler resumes = new StackProfiler(t -> t.equals("pipe-" + name))) {
            pauses.active(false);
            resumes.active(false);
            Thread.sleep(3_000);
            long t0Run = System.nanoTime();
            long rowsBefore = writer.rowsWritten.get();
            for (int i = 0; i < settings.cycles(); i++) {
                long t0 = System.nanoTime();
                pauses.active(true);
                env.control().pause(name, BenchEnvironment.BENCH);
                env.waitForStatus(name, PipeStatus.PAUSED, Duration.ofSeconds(60));
                pause.add((System.nanoTime() - t0) / 1_000_000);
                pauses.active(false);
                Thread.sleep(200);
                t0 = System.nanoTime();
                resumes.active(true);
                env.control().resume(name, BenchEnvironment.BENCH);
                env.waitForStatus(name, PipeStatus.RUNNING, Duration.ofSeconds(60));
                resume.add((System.nanoTime() - t0) / 1_000_000);
                resumes.active(false);
                writer.commits.clear();
                Thread.sleep(1_000 + (i % 5) * 100);
            }
            pauseProfile = pauses.describe(6);
            resumeProfile = resumes.describe(6);
            long lastLsn = writer.stop();
            seconds = (System.nanoTime() - t0Run) / 1e9;
            rows = writer.rowsWritten.get() - rowsBefore;
            long t0Catch = System.nanoTime();
            env.waitCaughtUp(name, lastLsn, Duration.ofMinutes(5));
            catchUp = (System.nanoTime() - t0Catch) / 1e9;
            recording.close();
            components = recording.describeComponents();
            cpuResults = recording.componentResults(4, "over the cycles");
        }
        env.control().pause(name, BenchEnvironment.BENCH);
        env.waitForStatus(name, PipeStatus.PAUSED, Duration.ofMinutes(2));
        env.stopWorkers();
        Distribution p = Distribution.of(pause);
        Distribution r = Distribution.of(resume);
        List<BenchResult> results = new java.util.ArrayList<>(List.of(
                BenchResult.info(4, "request -> PAUSED p50", p.p50(), "ms"),
                BenchResult.below(4, "request -> PAUSED p95", p.p95(), "ms", 1000),
                BenchResult.info(4, "request -> RUNNING p50", r.p50(), "ms"),
                BenchResult.below(4, "request -> RUNNING p95", r.p95(), "ms", 1000)));
        results.addAll(cpuResults);
        return new Report(results,
                List.of("4: CPU over the cycles (writer included): " + components,
                        String.format("4: %d cycles; max pause %d ms, max resume %d ms; writer %,.0f rows/s over the "
                        + "cycles, pipe caught up %.1f s after the writer stopped", p.count(), p.max(), r.max(),
                        rows / seconds, catchUp),
                        "4: pipe thread between pause request and PAUSED, sampled every 10 ms: " + pauseProfile,
                        "4: pipe thread between resume request and RUNNING, sampled every 10 ms: " + resumeProfile));
    }
}
