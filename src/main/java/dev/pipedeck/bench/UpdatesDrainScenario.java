package dev.pipedeck.bench;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * 6. Backlog of updates: a pipe with N orders rows copied, paused; every row updated once in 1,000-row transactions
 * (N = a fifth of {@code --rows}: 200,000 by default); resume, time until the destination is consistent as of the
 * last update; then pg_recvlogical over the same backlog on a second slot, as in scenario 1. With the default
 * replica identity pgoutput sends each update's new row only, as for an insert, so the difference to scenario 1 is
 * in the destination (every update is a new version of an existing key).
 */
final class UpdatesDrainScenario implements Scenario {
    private static final int TX_ROWS = 1_000;

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String title() {
        return "backlog of updates";
    }

    static long updates(BenchSettings settings) {
        return Math.max(TX_ROWS, settings.rows() / 5);
    }

    @Override
    public Report run(BenchEnvironment env, BenchSettings settings) throws Exception {
        String name = "bench-updates";
        long rows = updates(settings);
        String db = env.runningOrdersPipe("bench_updates", name, "bench-6", (int) rows);
        String dest = env.control().get(name).destinationUrl();
        env.waitFor(name, Pipe::snapshotDone, Duration.ofMinutes(10), "the end of the initial copy");
        env.control().pause(name, BenchEnvironment.BENCH);
        Pipe paused = env.waitForStatus(name, PipeStatus.PAUSED, Duration.ofMinutes(2));
        env.sql(db, "SELECT pg_create_logical_replication_slot('bench_recvlogical_u', 'pgoutput')");

        String endPos;
        long endLsn;
        long writeNanos = System.nanoTime();
        try (Connection c = env.source(db)) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                for (long first = 1; first <= rows; first += TX_ROWS) {
                    st.execute("UPDATE orders SET status = 'updated', amount = amount + 1, note = 'updated ' || id "
                            + "WHERE id BETWEEN " + first + " AND " + Math.min(rows, first + TX_ROWS - 1));
                }
            }
            writeNanos = System.nanoTime() - writeNanos;
            endPos = SourceSql.walPositionText(c);
            endLsn = SourceSql.walPosition(c);
            try (Statement st = c.createStatement()) {
                st.execute(OrdersSql.insert("orders", rows + 1, 1)); // a commit past endPos (see scenario 1)
            }
        }
        BacklogDrainScenario.Drain drain = BacklogDrainScenario.drain(env, name, endLsn, 6);
        double pipeSeconds = drain.seconds();
        long updated = DestinationRows.count(env, dest, "orders", "status = 'updated'");
        if (updated != rows) {
            throw new IllegalStateException("the destination shows " + updated + " updated rows, expected " + rows);
        }

        List<BenchResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double pipeRate = rows / pipeSeconds;
        results.add(BenchResult.info(6, "pipe drain of updates (resume -> consistent)", pipeRate, "rows/s"));
        notes.add(String.format("6: %,d updates in %,d transactions written in %.1f s while paused; pipe drained them in %.1f s",
                rows, (rows + TX_ROWS - 1) / TX_ROWS, writeNanos / 1e9, pipeSeconds));
        notes.add("6: CPU while the pipe drained: " + drain.components() + "; by thread/process: " + drain.split());
        notes.add("6: pipe thread, sampled every 10 ms: " + drain.profile());
        Path recv = BacklogDrainScenario.PgRecvlogical.find();
        if (recv == null) {
            notes.add("6: pg_recvlogical not installed: no baseline, no ratio");
        } else {
            double recvSeconds;
            String recvSplit;
            try (CpuMeter.Recording recording = new CpuMeter(env).record()) {
                recvSeconds = BacklogDrainScenario.PgRecvlogical.drain(recv, env.postgres().port(), db,
                        "bench_recvlogical_u", paused.publicationName(), endPos);
                recording.close();
                recvSplit = recording.describeComponents();
            }
            double recvRate = rows / recvSeconds;
            results.add(BenchResult.info(6, "pg_recvlogical drain of updates", recvRate, "rows/s"));
            results.add(BenchResult.atLeast(6, "pipe / pg_recvlogical (updates)", pipeRate / recvRate, "", 0.8));
            notes.add(String.format("6: pg_recvlogical read the same backlog in %.1f s; CPU: %s", recvSeconds, recvSplit));
        }
        results.addAll(drain.cpuResults());
        env.sql(db, "SELECT pg_drop_replication_slot('bench_recvlogical_u')");
        return new Report(results, notes);
    }
}
