package dev.pipedeck.bench;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.PipeSpec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.OutputStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * 3. Initial snapshot: 5×N rows across three orders-shaped tables; a new pipe's time from create to snapshot done,
 * against {@code COPY (SELECT ...) TO STDOUT} of the same tables on one connection into a null stream (which Postgres
 * may run with parallel workers; {@code COPY table}, one process as pg_dump, is given beside it). COPY runs
 * before and after the pipe and the faster of the two is the baseline, so cache warm-up never favours the pipe.
 */
final class SnapshotScenario implements Scenario {
    private static final List<String> TABLES = List.of("orders_a", "orders_b", "orders_c");

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String title() {
        return "initial snapshot";
    }

    @Override
    public Report run(BenchEnvironment env, BenchSettings settings) throws Exception {
        String db = env.newSourceDatabase("bench_snapshot");
        long total = settings.rows() * 5;
        long perTable = total / TABLES.size();
        for (String t : TABLES) {
            env.sql(db, OrdersSql.ddl(t));
            try (Connection c = env.source(db)) {
                OrdersSql.insertInTransactions(c, t, 1, perTable, 250_000);
            }
        }
        env.sql(db, "VACUUM ANALYZE", "CHECKPOINT");
        long rows = perTable * TABLES.size();
        CpuMeter.Recording copyCpuBefore = new CpuMeter(env).record();
        double copyBefore = copyAll(env, db);
        copyCpuBefore.close();

        String name = "bench-snapshot";
        CpuMeter cpu = new CpuMeter(env);
        env.startWorker("bench-3");
        long t0 = System.nanoTime();
        String split;
        String profile;
        String components;
        List<BenchResult> cpuResults;
        try (CpuMeter.Recording recording = cpu.record();
             StackProfiler profiler = new StackProfiler(t -> t.startsWith("pipedeck-copy-")
                     || t.startsWith("pipedeck-snapshot-writer-"))) {
            env.createPipe(name, db, env.newDestination("bench_snapshot"),
                    String.join(",", TABLES.stream().map(t -> "public." + t).toList()));
            env.waitFor(name, p -> p.snapshotDone(), Duration.ofMinutes(60), "snapshot done");
            profile = profiler.describe(8);
            recording.close();
            split = recording.describe(6);
            components = recording.describeComponents();
            cpuResults = recording.componentResults(3, "during the snapshot");
        }
        double pipeSeconds = (System.nanoTime() - t0) / 1e9;
        env.waitForStatus(name, PipeStatus.RUNNING, Duration.ofMinutes(2));
        env.control().pause(name, BenchEnvironment.BENCH);
        env.waitForStatus(name, PipeStatus.PAUSED, Duration.ofMinutes(2));
        env.stopWorkers();
        CpuMeter.Recording copyCpuAfter = new CpuMeter(env).record();
        double copyAfter = copyAll(env, db);
        copyCpuAfter.close();
        double copySeconds = Math.min(copyBefore, copyAfter);
        CpuMeter.Recording copyCpu = copyBefore <= copyAfter ? copyCpuBefore : copyCpuAfter;
        // what pg_dump runs: COPY of the table itself, which Postgres never spreads over parallel workers
        CpuMeter.Recording tableCopyCpu = new CpuMeter(env).record();
        double tableCopySeconds = copyAll(env, db, false);
        tableCopyCpu.close();

        // the destination alone, in the snapshot's chunk size (10,000 rows) and in the streaming batch size
        DestinationCeiling.Measurement chunked = DestinationCeiling.measure(env, db, TABLES, "bench_ceiling_10k", perTable, 10_000);
        DestinationCeiling.Measurement batched = DestinationCeiling.measure(env, db, TABLES, "bench_ceiling_100k", perTable, 100_000);

        List<BenchResult> results = new ArrayList<>();
        results.add(BenchResult.info(3, "pipe snapshot", rows / pipeSeconds, "rows/s"));
        results.add(BenchResult.info(3, "COPY TO STDOUT", rows / copySeconds, "rows/s"));
        results.add(BenchResult.atLeast(3, "pipe / COPY", copySeconds / pipeSeconds, "", 0.5));
        results.add(BenchResult.info(3, "COPY table TO STDOUT (one process, as pg_dump)", rows / tableCopySeconds, "rows/s"));
        results.add(BenchResult.info(3, "pipe / COPY table", tableCopySeconds / pipeSeconds, ""));
        results.add(BenchResult.info(3, "destination alone, 10k-row chunks", chunked.rowsPerSecond(), "rows/s"));
        results.add(BenchResult.info(3, "destination alone, 100k-row batches", batched.rowsPerSecond(), "rows/s"));
        results.addAll(cpuResults);
        results.addAll(copyCpu.componentResults(3, "of COPY TO STDOUT"));
        return new Report(results, List.of(
                String.format("3: %,d rows in %d tables; pipe %.1f s (create -> snapshot done, parallelism %d); "
                                + "COPY %.1f s before, %.1f s after", rows, TABLES.size(), pipeSeconds,
                        PipeSpec.DEFAULT_SNAPSHOT_PARALLELISM, copyBefore, copyAfter),
                "3: CPU during the snapshot: " + components + "; by thread/process: " + split,
                "3: CPU of the faster COPY (SELECT ...) TO STDOUT (its reader is this JVM's main thread): "
                        + copyCpu.describeComponents() + "; by thread/process: " + copyCpu.describe(4),
                String.format("3: COPY table TO STDOUT %.1f s; CPU: %s; by thread/process: %s", tableCopySeconds,
                        tableCopyCpu.describeComponents(), tableCopyCpu.describe(4)),
                "3: copy and snapshot-writer threads, sampled every 10 ms: " + profile,
                String.format("3: destination alone: the same %,d rows, decoded, applied table by table with nothing else "
                        + "running (apply timed only); CPU with 10k chunks: %s; with 100k batches: %s", rows,
                        chunked.cpu(), batched.cpu())));
    }

    /** Seconds to COPY every table out on one connection, into a stream that drops the bytes. */
    private static double copyAll(BenchEnvironment env, String db) throws Exception {
        return copyAll(env, db, true);
    }

    /**
     * As above; {@code query}: {@code COPY (SELECT ...)}, which Postgres may run with parallel workers, else
     * {@code COPY table (...)}, always one process.
     */
    private static double copyAll(BenchEnvironment env, String db, boolean query) throws Exception {
        try (Connection c = env.source(db)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long t0 = System.nanoTime();
            for (String t : TABLES) {
                copy.copyOut(query ? "COPY (SELECT id, customer_id, amount, status, note, created_at FROM " + t + ") TO STDOUT"
                        : "COPY " + t + " (id, customer_id, amount, status, note, created_at) TO STDOUT", OutputStream.nullOutputStream());
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
