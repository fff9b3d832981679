package dev.pipedeck.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A standalone ZooKeeper server process of our own (Debian's {@code zookeeper} package, whose jar's manifest brings
 * its class path), on a free loopback port with data in a temporary directory: what a local ClickHouse cluster needs
 * for ON CLUSTER DDL and replicated tables. Its admin web server is off (it would take port 8080).
 */
public final class LocalZooKeeper implements AutoCloseable {
    private final Path jar;
    private final Path dir;
    private final int port;
    private Process process;

    private LocalZooKeeper(Path jar, Path dir, int port) {
        this.jar = jar;
        this.dir = dir;
        this.port = port;
    }

    /** The ZooKeeper server jar when one is installed ($ZOOKEEPER_JAR, else Debian's /usr/share/java/zookeeper.jar). */
    public static Optional<Path> find() {
        String env = System.getenv("ZOOKEEPER_JAR");
        for (String p : env != null ? List.of(env) : List.of("/usr/share/java/zookeeper.jar")) {
            if (Files.isReadable(Path.of(p))) {
                return Optional.of(Path.of(p));
            }
        }
        return Optional.empty();
    }

    /** Starts a server from {@code jar} and waits until it accepts connections. */
    public static LocalZooKeeper start(Path jar) {
        try {
            LocalZooKeeper zk = new LocalZooKeeper(jar, Files.createTempDirectory("pipedeck-zookeeper-"),
                    LocalClickHouse.freePort());
            zk.start();
            return zk;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The server process's id (for the bench's CPU split). */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("ZooKeeper is not running");
        }
        return process.pid();
    }

    /** Starts the server (again) on the same port and data. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Files.createDirectories(dir.resolve("data"));
            process = new ProcessBuilder(java, "-Xmx256m", "-Dzookeeper.admin.enableServer=false",
                    "-Dzookeeper.4lw.commands.whitelist=ruok,srvr", "-cp", jar.toString(),
                    "org.apache.zookeeper.server.ZooKeeperServerMain", Integer.toString(port), dir.resolve("data").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("zookeeper.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ZooKeeper exited with " + process.exitValue() + "; see "
                        + dir.resolve("zookeeper.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for ZooKeeper", e);
                }
            }
        }
        throw new IllegalStateException("ZooKeeper did not accept connections on port " + port + " within 60 s; see "
                + dir.resolve("zookeeper.log"));
    }

    /** Stops the server; data and port are kept for {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: best effort
        }
    }
}
