package dev.pipedeck.bench;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * 1. Backlog drain: a paused pipe, N rows written in 1,000-row transactions, resume, time until the destination is
 * consistent as of the last of them (the catalog's consistent-as-of position, recorded only after the destination
 * has the batch). The baseline is pg_recvlogical (pgoutput, proto_version=1, to /dev/null) on a second slot created
 * next to the pipe's, over the same backlog, run right after the pipe.
 */
final class BacklogDrainScenario implements Scenario {
    private static final int TX_ROWS = 1_000;

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String title() {
        return "backlog drain";
    }

    @Override
    public Report run(BenchEnvironment env, BenchSettings settings) throws Exception {
        String name = "bench-backlog";
        String db = env.runningOrdersPipe("bench_backlog", name, "bench-1", 0);
        String dest = env.control().get(name).destinationUrl();
        env.control().pause(name, BenchEnvironment.BENCH);
        Pipe paused = env.waitForStatus(name, PipeStatus.PAUSED, Duration.ofMinutes(2));
        env.sql(db, "SELECT pg_create_logical_replication_slot('bench_recvlogical', 'pgoutput')");

        long rows = settings.rows();
        Backlog backlog = writeBacklog(env, db, 1, rows);
        String endPos = backlog.endPos();
        long writeNanos = backlog.writeNanos();
        BacklogDrainScenario.Drain drain = BacklogDrainScenario.drain(env, name, backlog.endLsn(), 1);
        double pipeSeconds = drain.seconds();
        long landed = DestinationRows.count(env, dest, "orders");
        if (landed != backlog.rowsAfter()) {
            throw new IllegalStateException("the destination has " + landed + " rows, expected " + backlog.rowsAfter());
        }

        List<BenchResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double pipeRate = rows / pipeSeconds;
        results.add(BenchResult.info(1, "pipe drain (resume -> consistent)", pipeRate, "rows/s"));
        notes.add(String.format("1: %,d rows in %,d transactions written in %.1f s while paused; pipe drained them in %.1f s",
                rows, backlog.transactions(), writeNanos / 1e9, pipeSeconds));
        notes.add("1: CPU while the pipe drained: " + drain.components() + "; by thread/process: " + drain.split());
        notes.add("1: pipe thread, sampled every 10 ms: " + drain.profile());
        Path recv = PgRecvlogical.find();
        if (recv == null) {
            notes.add("1: pg_recvlogical not installed: no baseline, no ratio");
        } else {
            double recvSeconds;
            String recvSplit;
            try (CpuMeter.Recording recording = new CpuMeter(env).record()) {
                recvSeconds = PgRecvlogical.drain(recv, env.postgres().port(), db, "bench_recvlogical",
                        paused.publicationName(), endPos);
                recording.close();
                recvSplit = recording.describeComponents();
            }
            double recvRate = rows / recvSeconds;
            results.add(BenchResult.info(1, "pg_recvlogical drain", recvRate, "rows/s"));
            results.add(BenchResult.atLeast(1, "pipe / pg_recvlogical", pipeRate / recvRate, "", 0.9));
            notes.add(String.format("1: pg_recvlogical read the same backlog in %.1f s; CPU: %s", recvSeconds,
                    recvSplit));
        }
        results.addAll(drain.cpuResults());
        env.sql(db, "SELECT pg_drop_replication_slot('bench_recvlogical')");
        return new Report(results, notes);
    }

    /** pg_recvlogical as the reference reader of a backlog. */
    static final class PgRecvlogical {
        private PgRecvlogical() {}

        static Path find() {
            for (String p : List.of("/usr/bin/pg_recvlogical", "/usr/local/bin/pg_recvlogical")) {
                if (Files.isExecutable(Path.of(p))) {
                    return Path.of(p);
                }
            }
            return null;
        }

        /** Reads the slot to {@code endPos} into /dev/null; returns the seconds it took, process start included. */
        static double drain(Path binary, int port, String db, String slot, String publication, String endPos) throws Exception {
            File log = Files.createTempFile("pg_recvlogical", ".log").toFile();
            ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-U", "postgres", "-d", db, "--slot", slot, "--start", "-o", "proto_version=1",
                    "-o", "publication_names=" + publication, "-f", "/dev/null", "--no-loop", "--endpos=" + endPos)
                    .redirectErrorStream(true).redirectOutput(log);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("pg_recvlogical did not finish within 30 minutes");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 0) {
                throw new IllegalStateException("pg_recvlogical failed: " + Files.readString(log.toPath()).strip());
            }
            return seconds;
        }
    }

    /**
     * A backlog written while the pipes are paused: {@code rows} orders rows in 1,000-row transactions, whose end is
     * {@code endLsn} ({@code endPos} as text), then one more single-row commit past it (scenarios 1 and 7).
     */
    record Backlog(long rows, long endLsn, String endPos, long writeNanos) {
        /** The rows the destination holds once the pipe has drained the backlog: the backlog and the commit past it. */
        long rowsAfter() {
            return rows + 1;
        }

        long transactions() {
            return (rows + TX_ROWS - 1) / TX_ROWS;
        }
    }

    /** Writes a {@link Backlog} into the {@code orders} table of {@code db}, ids from {@code firstId} on. */
    static Backlog writeBacklog(BenchEnvironment env, String db, long firstId, long rows) throws Exception {
        long writeNanos = System.nanoTime();
        try (Connection c = env.source(db)) {
            OrdersSql.insertInTransactions(c, "orders", firstId, rows, TX_ROWS);
            writeNanos = System.nanoTime() - writeNanos;
            String endPos = SourceSql.walPositionText(c);
            long endLsn = SourceSql.walPosition(c);
            try (Statement st = c.createStatement()) {
                // one more commit after endPos: pg_recvlogical stops at the first message past it, and the pipe's
                // consistent-as-of position passes endPos only with a commit after it
                st.execute(OrdersSql.insert("orders", firstId + rows, 1));
            }
            return new Backlog(rows, endLsn, endPos, writeNanos);
        }
    }

    /** What resuming a paused pipe over a prepared backlog measured: wall time, CPU split and the pipe thread's profile. */
    record Drain(double seconds, String profile, String split, String components, List<BenchResult> cpuResults) {}

    /**
     * Resumes the paused pipe, waits until it has applied everything up to {@code endLsn} while recording CPU and
     * sampling the pipe thread, then pauses it again and stops the workers (scenarios 1 and 6).
     */
    static Drain drain(BenchEnvironment env, String name, long endLsn, int scenario) throws Exception {
        return drain(env, name, endLsn, scenario, new CpuMeter(env), "while the pipe drained");
    }

    /** {@link #drain(BenchEnvironment, String, long, int)} with a meter of one's own and how its CPU results are named. */
    static Drain drain(BenchEnvironment env, String name, long endLsn, int scenario, CpuMeter cpu, String during)
            throws Exception {
        long t0 = System.nanoTime();
        Drain drain;
        try (CpuMeter.Recording recording = cpu.record();
             StackProfiler profiler = new StackProfiler(t -> t.equals("pipe-" + name))) {
            env.control().resume(name, BenchEnvironment.BENCH);
            env.waitCaughtUp(name, endLsn, Duration.ofMinutes(30));
            String profile = profiler.describe(8);
            recording.close();
            drain = new Drain(0, profile, recording.describe(6), recording.describeComponents(),
                    recording.componentResults(scenario, during));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        env.control().pause(name, BenchEnvironment.BENCH);
        env.waitForStatus(name, PipeStatus.PAUSED, Duration.ofMinutes(2));
        env.stopWorkers();
        return new Drain(seconds, drain.profile(), drain.split(), drain.components(), drain.cpuResults());
    }
}
