package dev.pipedeck.bench;

import dev.pipedeck.catalog.PipeStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * 5. Memory: one transaction of N rows through a worker running alone in a child JVM with {@code -Xmx512m} (so a
 * pipe that needed more would fail with OutOfMemoryError, and the run with it). The child reports its peak heap
 * (see {@link BenchWorkerMain}); the figures are read once the pipe is consistent as of that transaction.
 */
final class MemoryScenario implements Scenario {
    static final String HEAP = "-Xmx512m";

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
        String db = env.newSourceDatabase("bench_memory");
        env.sql(db, OrdersSql.ddl("orders"));
        String name = "bench-memory";
        String dest = env.newDestination("bench_memory");
        env.createPipe(name, db, dest, "public.orders");
        Path log = Files.createTempFile("pipedeck-bench-worker", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), BenchWorkerMain.class.getName(), env.catalogUrl(), "bench-5")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            env.waitForStatus(name, PipeStatus.RUNNING, Duration.ofMinutes(5));
            Thread.sleep(1_000);
            long[] idle = lastHeapLine(log);
            long endLsn;
            CpuMeter.Recording recording = new CpuMeter(env).record();
            long t0 = System.nanoTime();
            try (Connection c = env.source(db); Statement st = c.createStatement()) {
                st.execute(OrdersSql.insert("orders", 1, settings.rows())); // one transaction
                endLsn = SourceSql.walPosition(c);
                st.execute(OrdersSql.insert("orders", settings.rows() + 1, 1));
            }
            env.waitCaughtUp(name, endLsn, Duration.ofMinutes(30));
            double seconds = (System.nanoTime() - t0) / 1e9;
            recording.close();
            Thread.sleep(500);
            if (!child.isAlive()) {
                throw new IllegalStateException("the worker JVM died (exit " + child.exitValue() + "): "
                        + Files.readString(log).strip());
            }
            long[] peak = lastHeapLine(log);
            env.control().pause(name, BenchEnvironment.BENCH);
            env.waitForStatus(name, PipeStatus.PAUSED, Duration.ofMinutes(2));
            double mb = 1024 * 1024;
            List<BenchResult> results = new java.util.ArrayList<>(List.of(
                    BenchResult.below(5, "peak heap used", peak[0] / mb, "MB", 256),
                    BenchResult.info(5, "peak live heap after GC", peak[1] / mb, "MB"),
                    BenchResult.info(5, "heap used before the transaction", idle[0] / mb, "MB")));
            results.addAll(recording.componentResults(5, "write and apply"));
            return new Report(results,
                    List.of("5: CPU from the transaction to caught up (the worker JVM counts as JVM): "
                            + recording.describeComponents(), String.format("5: one %,d-row transaction written and applied in %.1f s by a worker JVM "
                            + "with %s (max heap %.0f MB), sampled every 20 ms", settings.rows(), seconds, HEAP, peak[2] / mb)));
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    private static long[] lastHeapLine(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.startsWith("heap ")).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("the worker JVM reported no heap figures: " + Files.readString(log).strip());
        }
        String[] f = lines.get(lines.size() - 1).split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
    }
}
