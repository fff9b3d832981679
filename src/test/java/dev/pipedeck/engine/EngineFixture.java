package dev.pipedeck.engine;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.demo.EmbeddedPostgresServer;
import dev.pipedeck.engine.SourceCleanup;
import dev.pipedeck.testing.TestPostgres;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A source database, a catalog, workers and helpers to watch pipes: everything real, nothing mocked. */
final class EngineFixture implements AutoCloseable {
    static final Actor TEST = Actor.of(Actor.Kind.TEST);
    final String sourceDb;
    private final EmbeddedPostgresServer sourceServer;
    final Catalog catalog;
    final SecretBox secrets = new SecretBox("engine-test-key".getBytes(StandardCharsets.UTF_8));
    final PipeControl control;
    final String catalogUrl;
    private final List<Worker> workers = new ArrayList<>();

    EngineFixture(String prefix) {
        this(TestPostgres.server(), TestPostgres.newDatabase(prefix + "_src"), prefix);
    }

    /**
     * With the source database on a server of the test's own (one it stops and starts); the catalog stays on the
     * shared test server.
     */
    EngineFixture(EmbeddedPostgresServer sourceServer, String sourceDb, String prefix) {
        this.sourceServer = sourceServer;
        this.sourceDb = sourceDb;
        String catalogDb = TestPostgres.newDatabase(prefix + "_cat");
        this.catalogUrl = TestPostgres.jdbcUrl(catalogDb) + "?user=postgres";
        this.catalog = Catalog.open(catalogUrl);
        this.control = new PipeControl(catalog, secrets, PipeChecks.NONE, SourceCleanup.NONE);
    }

    static EngineOptions fastOptions() {
        return new EngineOptions(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(2), 4, Duration.ofSeconds(1));
    }

    String sourceUrl() {
        return sourceServer.jdbcUrl(sourceDb) + "?user=postgres";
    }

    Connection source() throws SQLException {
        return sourceServer.connect(sourceDb);
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = source(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    long sourceLong(String query) throws SQLException {
        try (Connection c = source(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Worker startWorker(String id) {
        Worker w = new Worker(catalog, secrets, id, DefaultConnectors.create(), fastOptions());
        workers.add(w);
        w.start();
        return w;
    }

    Pipe createPipe(String name, String destination, String tables, int batchSize, Duration interval) {
        return control.create(new PipeSpec(name, sourceUrl(), destination, TableMapping.parseList(tables), batchSize,
                interval, 2), TEST);
    }

    Pipe pipe(String name) {
        return control.get(name);
    }

    Pipe waitFor(String name, Predicate<Pipe> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pipe p = pipe(name);
        while (!condition.test(p)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pipe " + name + " did not reach " + what + " within " + timeout + "; it is "
                        + p.status() + " (" + p.statusReason() + "), last error: " + p.lastError());
            }
            Thread.sleep(50);
            p = pipe(name);
        }
        return p;
    }

    Pipe waitForStatus(String name, PipeStatus status, Duration timeout) throws InterruptedException {
        return waitFor(name, p -> p.status() == status, timeout, status.name());
    }

    /** Waits until the pipe has applied every transaction that committed after the source WAL position {@code lsn}. */
    Pipe waitCaughtUp(String name, long lsn, Duration timeout) throws InterruptedException {
        return waitFor(name, p -> p.consistentLsn() != null && Long.compareUnsigned(p.consistentLsn(), lsn) >= 0, timeout,
                "the source position " + dev.pipedeck.change.Lsn.format(lsn));
    }

    /** The current WAL insert position (embedded Postgres runs with synchronous_commit=off). */
    long walPosition() throws SQLException {
        return sourceLong("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn");
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.close();
        }
        catalog.close();
    }
}
