package dev.pipedeck.bench;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.demo.EmbeddedPostgresServer;
import dev.pipedeck.engine.DefaultConnectors;
import dev.pipedeck.engine.EngineOptions;
import dev.pipedeck.engine.SourceCleanup;
import dev.pipedeck.engine.Worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Everything a benchmark run needs, set up by itself: an embedded Postgres holding the source databases and the
 * catalog, a destination (a ClickHouse server process, or DuckDB files), and in-process workers. Each scenario gets a
 * fresh source database, destination database and pipe, so scenarios do not disturb each other's figures.
 */
public final class BenchEnvironment implements AutoCloseable {
    /** The catalog database, on the same embedded cluster as the sources. */
    static final String CATALOG_DB = "pipedeck_bench_catalog";
    public static final Actor BENCH = Actor.of(Actor.Kind.CLI);
    static final String SECRET = "pipedeck-bench-key";

    private final EmbeddedPostgresServer pg;
    private final LocalClickHouse clickHouse;
    private final Path dir;
    private final Catalog catalog;
    private final SecretBox secrets = new SecretBox(SECRET.getBytes(StandardCharsets.UTF_8));
    private final PipeControl control;
    private final List<Worker> workers = new ArrayList<>();

    private BenchEnvironment(EmbeddedPostgresServer pg, LocalClickHouse clickHouse, Path dir) {
        this.pg = pg;
        this.clickHouse = clickHouse;
        this.dir = dir;
        pg.ensureDatabase(CATALOG_DB);
        this.catalog = Catalog.open(catalogUrl());
        this.control = new PipeControl(catalog, secrets, PipeChecks.NONE, SourceCleanup.NONE);
    }

    /** Starts Postgres and, when {@code useClickHouse} and a binary is installed, ClickHouse; else DuckDB files. */
    public static BenchEnvironment start(boolean useClickHouse) {
        try {
            Path dir = Files.createTempDirectory("pipedeck-bench-");
            EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(null);
            LocalClickHouse ch = useClickHouse ? LocalClickHouse.find().map(LocalClickHouse::start).orElse(null) : null;
            return new BenchEnvironment(pg, ch, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String destinationKind() {
        return clickHouse != null ? "clickhouse" : "duckdb";
    }

    public LocalClickHouse clickHouse() {
        return clickHouse;
    }

    public EmbeddedPostgresServer postgres() {
        return pg;
    }

    public String catalogUrl() {
        return pg.jdbcUrl(CATALOG_DB) + "?user=postgres";
    }

    public PipeControl control() {
        return control;
    }

    /** A fresh, empty source database. */
    public String newSourceDatabase(String name) {
        pg.ensureDatabase(name);
        return name;
    }

    public Connection source(String db) throws SQLException {
        return pg.connect(db);
    }

    public void sql(String db, String... statements) throws SQLException {
        try (Connection c = source(db); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    public long sourceLong(String db, String query) throws SQLException {
        try (Connection c = source(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A fresh destination for one scenario: a ClickHouse database, or a DuckDB file. */
    public String newDestination(String name) {
        if (clickHouse != null) {
            return clickHouse.url(clickHouse.createDatabase(name));
        }
        return "duckdb:" + dir.resolve(name + ".duckdb");
    }

    /** A pipe with the defaults a user gets from {@code pipe create} (batch size, sync interval, parallelism). */
    public Pipe createPipe(String name, String sourceDb, String destination, String tables) {
        return control.create(new PipeSpec(name, pg.jdbcUrl(sourceDb) + "?user=postgres", destination,
                TableMapping.parseList(tables), PipeSpec.DEFAULT_BATCH_SIZE, PipeSpec.DEFAULT_SYNC_INTERVAL,
                PipeSpec.DEFAULT_SNAPSHOT_PARALLELISM), BENCH);
    }

    /**
     * The usual start of a streaming scenario: a fresh source database {@code key} with an orders table of
     * {@code seedRows} rows, a pipe {@code pipeName} into a fresh destination {@code key}, a worker, and the pipe
     * RUNNING (its initial copy done). Returns the source database.
     */
    public String runningOrdersPipe(String key, String pipeName, String workerId, int seedRows) throws Exception {
        String db = newSourceDatabase(key);
        sql(db, OrdersSql.ddl("orders"));
        if (seedRows > 0) {
            sql(db, OrdersSql.insert("orders", 1, seedRows));
        }
        createPipe(pipeName, db, newDestination(key), "public.orders");
        startWorker(workerId);
        waitForStatus(pipeName, PipeStatus.RUNNING, Duration.ofMinutes(5));
        return db;
    }

    /** An in-process worker with the production defaults ({@link EngineOptions#defaults()}). */
    public Worker startWorker(String id) {
        Worker w = new Worker(catalog, secrets, id, DefaultConnectors.create(), EngineOptions.defaults());
        workers.add(w);
        w.start();
        return w;
    }

    public Pipe pipe(String name) {
        return control.get(name);
    }

    public Pipe waitFor(String name, Predicate<Pipe> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pipe p = pipe(name);
        while (!condition.test(p)) {
            if (p.status() == PipeStatus.FAILED || System.nanoTime() > deadline) {
                throw new IllegalStateException("pipe " + name + " did not reach " + what + " within " + timeout
                        + "; it is " + p.status() + " (" + p.statusReason() + "), last error: " + p.lastError());
            }
            Thread.sleep(10);
            p = pipe(name);
        }
        return p;
    }

    public Pipe waitForStatus(String name, PipeStatus status, Duration timeout) throws InterruptedException {
        return waitFor(name, p -> p.status() == status, timeout, status.name());
    }

    /** Waits until the pipe is consistent as of a commit at or after the WAL position {@code lsn}. */
    public Pipe waitCaughtUp(String name, long lsn, Duration timeout) throws InterruptedException {
        return waitFor(name, p -> p.consistentLsn() != null && Long.compareUnsigned(p.consistentLsn(), lsn) >= 0,
                timeout, "the source position " + Lsn.format(lsn));
    }

    /** The current WAL insert position (embedded Postgres runs with synchronous_commit=off). */
    public long walPosition(String db) throws SQLException {
        return sourceLong(db, "SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn");
    }

    public void stopWorkers() {
        workers.forEach(Worker::close);
        workers.clear();
    }

    @Override
    public void close() {
        stopWorkers();
        catalog.close();
        if (clickHouse != null) {
            clickHouse.close();
        }
        pg.close();
    }
}
