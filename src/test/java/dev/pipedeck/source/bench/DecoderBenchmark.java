package dev.pipedeck.source.bench;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.source.pg.PgSource;
import dev.pipedeck.source.pg.ReplicationStream;
import dev.pipedeck.source.pg.SourceConfig;
import dev.pipedeck.source.pg.SourceEvent;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Throughput of our stream + decoder against pg_recvlogical on the same WAL (1,000,000 rows in 1,000-row
 * transactions). Not a timed test: run with {@code mvn -q -B -Pbench test -Dtest=DecoderBenchmark}; results go to
 * stdout (target/surefire-reports/...-output.txt).
 */
@Tag("bench")
class DecoderBenchmark {
    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final int TX_ROWS = 1_000;

    @Test
    void oursVersusPgRecvlogical() throws Exception {
        String db = TestPostgres.newDatabase("bench");
        PgSource source = new PgSource(new SourceConfig(TestPostgres.jdbcUrl(db), "postgres", ""));
        String endPos;
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int, amount numeric(12,2), "
                    + "status text, note text, created_at timestamptz)");
            source.ensurePublication("bench_pub", List.of(new TableRef("public", "orders")));
            for (String slot : List.of("_a1", "_a2", "_b1", "_b2")) {
                source.createSlot(db + slot).close();
            }
            for (int start = 1; start <= ROWS; start += TX_ROWS) {
                st.execute("INSERT INTO orders SELECT g, g % 5000, (g % 100000) / 100.0, "
                        + "(ARRAY['new','paid','shipped','cancelled'])[1 + g % 4], 'order note ' || g, "
                        + "now() - (g || ' seconds')::interval FROM generate_series(" + start + ", "
                        + (start + TX_ROWS - 1) + ") g");
            }
            try (ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                rs.next();
                endPos = rs.getString(1);
            }
            // one more transaction after endPos: pg_recvlogical stops as soon as it sees a message beyond endPos
            st.execute("INSERT INTO orders VALUES (0, 0, 0, 'end', 'end', now())");
        }

        // Runs interleaved (ours, theirs, theirs, ours) on four slots over the same WAL, best of two each, because the
        // shared machine's load varies from minute to minute.
        double ours = Math.max(drainOurs(source, db + "_a1"), 0);
        double theirs = drainPgRecvlogical(db, db + "_b1", endPos);
        theirs = Math.max(theirs, drainPgRecvlogical(db, db + "_b2", endPos));
        ours = Math.max(ours, drainOurs(source, db + "_a2"));
        System.out.printf("best PipeDeck stream+decoder: %,.0f rows/s%n", ours);
        System.out.printf("best pg_recvlogical:          %,.0f rows/s%n", theirs);
        System.out.printf("ratio: %.0f%%%n", 100 * ours / theirs);
        for (String slot : List.of("_a1", "_a2", "_b1", "_b2")) {
            source.drop(db + slot, null);
        }
        source.drop(null, "bench_pub");
    }

    private static double drainOurs(PgSource source, String slot) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long rows = 0;
        int commits = 0;
        try (ReplicationStream s = source.openStream(slot, "bench_pub", Lsn.ZERO)) {
            while (true) {
                SourceEvent e = s.poll(Duration.ofSeconds(5));
                if (e instanceof SourceEvent.Change) {
                    rows++;
                } else if (e instanceof SourceEvent.Commit c) {
                    if (++commits % 100 == 0) {
                        s.confirm(new Lsn(c.endLsn()));
                    }
                    if (rows >= ROWS) {
                        break;
                    }
                } else if (e == null) {
                    throw new AssertionError("stream stalled after " + rows + " rows");
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        assertEquals(ROWS, rows);
        System.out.printf("PipeDeck stream+decoder: %,.0f rows/s (%.2f s, reader thread CPU %.2f s)%n",
                ROWS / seconds, seconds, cpu);
        return ROWS / seconds;
    }

    private static double drainPgRecvlogical(String db, String slot, String endPos) throws Exception {
        int port = TestPostgres.server().port();
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/pg_recvlogical", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "postgres", "-d", db, "--slot", slot, "--start", "-o", "proto_version=1",
                "-o", "publication_names=bench_pub", "-f", "/dev/null", "--no-loop", "--endpos=" + endPos)
                .redirectErrorStream(true).redirectOutput(new File("target/pg_recvlogical.log"));
        long t1 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroy();
            throw new AssertionError("pg_recvlogical did not finish");
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        assertEquals(0, p.exitValue(), "pg_recvlogical failed, see target/pg_recvlogical.log");
        System.out.printf("pg_recvlogical:          %,.0f rows/s (%.2f s)%n", ROWS / seconds, seconds);
        return ROWS / seconds;
    }
}
