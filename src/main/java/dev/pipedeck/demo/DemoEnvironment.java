package dev.pipedeck.demo;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.engine.SourceCleanup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Everything the demo needs on one machine with nothing installed: an embedded Postgres (data kept under
 * {@code ~/.pipedeck/demo/pg} across runs, on the same port each time so stored URLs stay valid) holding the
 * {@code shop} source and the {@code pipedeck} catalog, a live {@link SampleWorkload}, a DuckDB destination file, and
 * the pipe {@code shop-demo}. The engine is not started here: the caller runs a worker (CLI) or the console does.
 */
public final class DemoEnvironment implements AutoCloseable {
    public static final String PIPE_NAME = "shop-demo";
    public static final String SOURCE_DATABASE = "shop";
    public static final String CATALOG_DATABASE = "pipedeck";
    public static final String TABLES = "public.customers,public.orders,public.order_items";
    private static final Logger LOG = LoggerFactory.getLogger(DemoEnvironment.class);

    private final EmbeddedPostgresServer server;
    private final Catalog catalog;
    private final SecretBox secrets;
    private final SampleWorkload workload;
    private final Path duckdbFile;
    private final Thread shutdownHook;
    private final java.util.Deque<AutoCloseable> dependents = new java.util.ArrayDeque<>();
    private boolean closed;

    private DemoEnvironment(EmbeddedPostgresServer server, Catalog catalog, SecretBox secrets, SampleWorkload workload, Path duckdbFile) {
        this.server = server;
        this.catalog = catalog;
        this.secrets = secrets;
        this.workload = workload;
        this.duckdbFile = duckdbFile;
        this.shutdownHook = new Thread(this::close, "pipedeck-demo-shutdown");
    }

    public static DemoEnvironment start(DemoOptions options) {
        PrintStream out = options.out();
        Path dir = options.dir();
        int port = DemoPort.load(dir);
        EmbeddedPostgresServer server;
        try {
            server = EmbeddedPostgresServer.start(dir.resolve("pg"), port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not start the demo's Postgres on port " + port + " with data in " + dir.resolve("pg")
                    + " (is another demo running? remove " + dir.resolve("port") + " to use another port): " + e.getMessage(), e);
        }
        try {
            server.ensureDatabase(SOURCE_DATABASE);
            server.ensureDatabase(CATALOG_DATABASE);
            boolean seeded;
            try (Connection c = server.connect(SOURCE_DATABASE)) {
                seeded = ShopSchema.ensure(c);
            }
            Path duck = dir.resolve("shop.duckdb");
            ensureDuckDbFile(duck);
            Catalog catalog = Catalog.open(server.jdbcUrl(CATALOG_DATABASE) + "?user=postgres");
            SecretBox secrets = SecretBox.fromEnvironment();
            SampleWorkload workload = new SampleWorkload(() -> server.connect(SOURCE_DATABASE), options.rowsPerSecond());
            DemoEnvironment env = new DemoEnvironment(server, catalog, secrets, workload, duck);
            Pipe pipe = env.ensurePipe(options.createdVia());
            if (options.workload()) {
                workload.start();
            }
            Runtime.getRuntime().addShutdownHook(env.shutdownHook);
            env.describe(out, seeded, pipe, options);
            return env;
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException("could not prepare the demo databases: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private Pipe ensurePipe(Actor.Kind via) {
        PipeControl control = new PipeControl(catalog, secrets, PipeChecks.NONE, SourceCleanup.NONE);
        Optional<Pipe> existing = control.repository().find(PIPE_NAME);
        if (existing.isPresent()) {
            return existing.get();
        }
        // the demo made the source itself (keys on every table, logical WAL): the checks would only slow startup
        return control.create(new PipeSpec(PIPE_NAME, sourceUrl(), destinationUrl(), TableMapping.parseList(TABLES),
                PipeSpec.DEFAULT_BATCH_SIZE, PipeSpec.DEFAULT_SYNC_INTERVAL, PipeSpec.DEFAULT_SNAPSHOT_PARALLELISM), Actor.of(via));
    }

    private static void ensureDuckDbFile(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            // opening a DuckDB database creates the file; the engine's DuckDB destination makes the tables
            DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath()).close();
            LOG.debug("created {}", file);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the demo's DuckDB file " + file + ": " + e.getMessage(), e);
        }
    }

    private void describe(PrintStream out, boolean seeded, Pipe pipe, DemoOptions options) {
        out.println("PipeDeck demo");
        out.println("  postgres     embedded Postgres on 127.0.0.1:" + server.port() + " (wal_level=logical), data in " + options.dir().resolve("pg"));
        out.println("  source       " + sourceUrl() + (seeded ? "  (shop schema created and seeded)" : "  (shop schema from an earlier run)"));
        out.println("  catalog      " + catalogUrl());
        out.println("  destination  " + destinationUrl());
        out.println("  pipe         " + PIPE_NAME + " (" + TABLES + "), status " + pipe.status());
        out.println("  workload     " + (options.workload() ? options.rowsPerSecond() + " rows/s of inserts, updates and deletes" : "off"));
        out.println("  try          PIPEDECK_CATALOG='" + catalogUrl() + "' java -jar target/pipedeck.jar pipe status " + PIPE_NAME);
        out.flush();
    }

    public String catalogUrl() {
        return server.jdbcUrl(CATALOG_DATABASE) + "?user=postgres";
    }

    public String sourceUrl() {
        return server.jdbcUrl(SOURCE_DATABASE) + "?user=postgres";
    }

    public String destinationUrl() {
        return "duckdb:" + duckdbFile.toAbsolutePath();
    }

    public Path duckdbFile() {
        return duckdbFile;
    }

    public SampleWorkload workload() {
        return workload;
    }

    /** The catalog, open for the lifetime of the environment (a worker in the same process may share it). */
    public Catalog catalog() {
        return catalog;
    }

    public SecretBox secrets() {
        return secrets;
    }

    public EmbeddedPostgresServer server() {
        return server;
    }

    /**
     * Registers something that uses this environment (a worker, the console's own pool) to be closed before it,
     * newest first — also on Ctrl+C, where shutdown hooks would otherwise run in no particular order and could stop
     * Postgres under a worker that is still pausing its pipe.
     */
    public synchronized void closeFirst(AutoCloseable dependent) {
        dependents.push(dependent);
    }

    /**
     * Closes what was registered with {@link #closeFirst}, then stops the workload, the catalog pool and Postgres.
     * Idempotent; also runs on Ctrl+C.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNotRegistered) {
            // called from the hook itself, or before it was registered
        }
        while (!dependents.isEmpty()) {
            AutoCloseable d = dependents.pop();
            try {
                d.close();
            } catch (Exception e) {
                LOG.warn("could not close {} before the demo environment", d, e);
            }
        }
        workload.close();
        catalog.close();
        server.close();
    }

    /** The demo's fixed port: chosen once (any free port), then kept in {@code <dir>/port}. */
    static final class DemoPort {
        private DemoPort() {}

        static int load(Path dir) {
            Path file = dir.resolve("port");
            try {
                Files.createDirectories(dir);
                if (Files.exists(file)) {
                    return Integer.parseInt(Files.readString(file).strip());
                }
                int port;
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = s.getLocalPort();
                }
                Files.writeString(file, port + "\n");
                return port;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read or write " + file + ": " + e.getMessage(), e);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(file + " does not hold a port number: remove it to pick a new port", e);
            }
        }
    }
}
