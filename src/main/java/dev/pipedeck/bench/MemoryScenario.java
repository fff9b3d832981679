package dev.pipedeck.bench;

import dev.pipedeck.catalog.PipeStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * 5. Memory: one transaction of N rows through a worker running alone in a child JVM, twice: with the heap capped at
 * the target, 256 MB (a pipe that needed more fails there with OutOfMemoryError, and the figure is missed), and with
 * 512 MB. The peak heap "used" under the larger cap follows the JVM's heap sizing more than what the engine holds (G1
 * lets young garbage fill what it has), so the target is read from the capped run: the transaction must be applied in
 * a 256 MB heap without the worker spending its time collecting. Each child reports its heap and GC time (see
 * {@link BenchWorkerMain}); the figures are read once the pipe is consistent as of that transaction.
 */
final class MemoryScenario implements Scenario {
    static final int TARGET_MB = 256;
    static final String HEAP = "-Xmx512m";
    /** Above this share of the apply time in GC, a run in the capped heap counts as thrashing, not as fitting. */
    static final double MAX_GC_SHARE = 0.25;

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String title() {
        return "memory";
    }

    @Override
    public Report run(BenchEnvironment env, BenchSettings settings) throws Exception {
        Trial capped = trial(env, settings, "capped", "-Xmx" + TARGET_MB + "m");
        Trial wide = trial(env, settings, "wide", System.getProperty("pipedeck.bench.workerJvm", HEAP));
        double mb = 1024 * 1024;
        boolean fits = capped.applied() && capped.gcShare() <= MAX_GC_SHARE;
        List<BenchResult> results = new ArrayList<>();
        results.add(new BenchResult(5, "peak heap used, worker capped at " + TARGET_MB + " MB", capped.peakUsed / mb, "MB",
                "< " + TARGET_MB + ", applied, GC <= " + Math.round(MAX_GC_SHARE * 100) + "%", fits));
        results.add(BenchResult.info(5, "GC share of the apply time, capped", capped.gcShare() * 100, "%"));
        results.add(BenchResult.info(5, "apply time, capped", capped.seconds, "s"));
        results.add(BenchResult.info(5, "peak heap used, " + wide.jvm, wide.peakUsed / mb, "MB"));
        results.add(BenchResult.info(5, "peak live heap after GC, " + wide.jvm, wide.peakLive / mb, "MB"));
        results.add(BenchResult.info(5, "apply time, " + wide.jvm, wide.seconds, "s"));
        results.add(BenchResult.info(5, "heap used before the transaction", wide.idleUsed / mb, "MB"));
        if (wide.recording != null) {
            results.addAll(wide.recording.componentResults(5, "write and apply"));
        }
        List<String> notes = new ArrayList<>();
        for (Trial t : List.of(capped, wide)) {
            notes.add(t.applied()
                    ? String.format("5: one %,d-row transaction written and applied in %.1f s by a worker JVM with %s "
                            + "(max heap %.0f MB): peak used %.0f MB, live after GC %.0f MB, GC %.1f s (%.0f%%), sampled every 20 ms",
                            settings.rows(), t.seconds, t.jvm, t.max / mb, t.peakUsed / mb, t.peakLive / mb,
                            t.gcMillis / 1000.0, t.gcShare() * 100)
                    : String.format("5: the worker JVM with %s did not apply the %,d-row transaction: %s", t.jvm,
                            settings.rows(), t.failure));
        }
        if (wide.recording != null) {
            notes.add("5: CPU from the transaction to caught up, " + wide.jvm + " (the worker JVM counts as JVM): "
                    + wide.recording.describeComponents());
        }
        return new Report(results, notes);
    }

    /** What one child worker JVM did with the big transaction. */
    private static final class Trial {
        String jvm;
        long idleUsed;
        long peakUsed;
        long peakLive;
        long max;
        long gcMillis;
        double seconds;
        String failure;
        CpuMeter.Recording recording;

        boolean applied() {
            return failure == null;
        }

        double gcShare() {
            return seconds <= 0 ? 0 : Math.min(1, gcMillis / 1000.0 / seconds);
        }
    }

    private static Trial trial(BenchEnvironment env, BenchSettings settings, String key, String jvm) throws Exception {
        Trial t = new Trial();
        t.jvm = jvm;
        String db = env.newSourceDatabase("bench_memory_" + key);
        env.sql(db, OrdersSql.ddl("orders"));
        String name = "bench-memory-" + key;
        env.createPipe(name, db, env.newDestination("bench_memory_" + key), "public.orders");
        Path log = Files.createTempFile("pipedeck-bench-worker", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvm.trim().split("\\s+")));
        command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                BenchWorkerMain.class.getName(), env.catalogUrl(), "bench-5-" + key));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            env.waitForStatus(name, PipeStatus.RUNNING, Duration.ofMinutes(5));
            Thread.sleep(1_000);
            long[] idle = lastHeapLine(log);
            t.idleUsed = idle[0];
            long endLsn;
            CpuMeter.Recording recording = new CpuMeter(env).record();
            long t0 = System.nanoTime();
            try (Connection c = env.source(db); Statement st = c.createStatement()) {
                st.execute(OrdersSql.insert("orders", 1, settings.rows())); // one transaction
                endLsn = SourceSql.walPosition(c);
                st.execute(OrdersSql.insert("orders", settings.rows() + 1, 1));
            }
            // a worker that runs out of heap exits (-XX:+ExitOnOutOfMemoryError): stop waiting then
            env.waitFor(name, p -> !child.isAlive()
                            || (p.consistentLsn() != null && Long.compareUnsigned(p.consistentLsn(), endLsn) >= 0),
                    Duration.ofMinutes(30), "the source position of the big transaction");
            t.seconds = (System.nanoTime() - t0) / 1e9;
            recording.close();
            t.recording = recording;
            Thread.sleep(500);
            if (!child.isAlive()) {
                t.failure = "it exited (" + child.exitValue() + "): " + lastLines(log);
                return t;
            }
            long[] peak = lastHeapLine(log);
            t.peakUsed = peak[0];
            t.peakLive = peak[1];
            t.max = peak[2];
            t.gcMillis = peak[3] - idle[3];
            env.control().pause(name, BenchEnvironment.BENCH);
            env.waitForStatus(name, PipeStatus.PAUSED, Duration.ofMinutes(2));
            return t;
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    private static String lastLines(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.startsWith("heap ")).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())).strip();
    }

    private static long[] lastHeapLine(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.startsWith("heap ")).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("the worker JVM reported no heap figures: " + Files.readString(log).strip());
        }
        String[] f = lines.get(lines.size() - 1).split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])};
    }
}
