package dev.pipedeck.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A clickhouse-server process of our own, for {@code pipedeck bench} and the tests' harness: a generated config on
 * free loopback ports, data in a temporary directory, user {@code default} without a password (plus optional users).
 * {@link #stop()} and {@link #start()} keep ports and data, so a test can take the server away and bring it back.
 * Only exists when a server binary is installed: see {@link #find()}.
 */
public final class LocalClickHouse implements AutoCloseable {
    /** A user besides {@code default}. */
    public record User(String name, String password) {}

    private final List<String> command;
    private final Path dir;
    private final int httpPort;
    private final int tcpPort;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private Process process;

    private LocalClickHouse(List<String> command, Path dir, int httpPort, int tcpPort) {
        this.command = command;
        this.dir = dir;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
    }

    /** The server command when one is installed ($CLICKHOUSE_SERVER, /usr/bin/clickhouse, clickhouse-server). */
    public static Optional<List<String>> find() {
        String env = System.getenv("CLICKHOUSE_SERVER");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Optional.of(List.of(env));
        }
        if (Files.isExecutable(Path.of("/usr/bin/clickhouse"))) {
            return Optional.of(List.of("/usr/bin/clickhouse", "server"));
        }
        for (String p : List.of("/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(List.of(p));
            }
        }
        return Optional.empty();
    }

    /** Starts a server with the given command and waits until it answers {@code /ping}. */
    public static LocalClickHouse start(List<String> command) {
        return start(command, List.of(), dir -> "");
    }

    /**
     * Starts a server with extra users and an extra piece of server config (e.g. an HTTPS port), computed from the
     * server's directory before the config is written.
     */
    public static LocalClickHouse start(List<String> command, List<User> users,
                                        java.util.function.Function<Path, String> extraConfig) {
        try {
            return start(command, users, extraConfig, freePort(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same on ports chosen by the caller (a cluster's servers must know each other's TCP ports before the first
     * one starts: see {@link LocalClickHouseCluster}).
     */
    public static LocalClickHouse start(List<String> command, List<User> users,
                                        java.util.function.Function<Path, String> extraConfig, int httpPort, int tcpPort) {
        try {
            LocalClickHouse ch = new LocalClickHouse(command, Files.createTempDirectory("pipedeck-clickhouse-"),
                    httpPort, tcpPort);
            ch.writeConfig(users, extraConfig.apply(ch.dir));
            ch.start();
            return ch;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port on the loopback interface. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void writeConfig(List<User> users, String extraConfig) throws IOException {
        for (String sub : List.of("data", "tmp", "user_files", "format_schemas")) {
            Files.createDirectories(dir.resolve(sub));
        }
        // <yandex> root: ClickHouse 18.x wants it, newer servers still accept it
        String config = """
                <?xml version="1.0"?>
                <yandex>
                  <logger><level>warning</level><log>%1$s/server.log</log><errorlog>%1$s/server.err.log</errorlog>
                    <size>50M</size><count>1</count></logger>
                  <http_port>%2$d</http_port>
                  %4$s
                  <tcp_port>%3$d</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <users_config>%1$s/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <timezone>UTC</timezone>
                  <mark_cache_size>268435456</mark_cache_size>
                  <max_concurrent_queries>50</max_concurrent_queries>
                </yandex>
                """.formatted(dir, httpPort, tcpPort, extraConfig);
        StringBuilder extraUsers = new StringBuilder();
        for (User u : users) {
            extraUsers.append("<%1$s><password>%2$s</password><networks><ip>::/0</ip></networks>"
                    .formatted(u.name(), xml(u.password()))).append("<profile>default</profile><quota>default</quota></")
                    .append(u.name()).append('>');
        }
        String usersXml = """
                <?xml version="1.0"?>
                <yandex>
                  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
                  <users><default><password></password><networks><ip>::/0</ip></networks>
                    <profile>default</profile><quota>default</quota></default>%s</users>
                  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
                    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
                  </interval></default></quotas>
                </yandex>
                """.formatted(extraUsers);
        Files.writeString(dir.resolve("config.xml"), config);
        Files.writeString(dir.resolve("users.xml"), usersXml);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Starts the server (again) on the same ports and data and waits until {@code /ping} answers. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            List<String> cmd = new ArrayList<>(command);
            cmd.add("--config-file=" + dir.resolve("config.xml"));
            process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clickhouse-server exited with " + process.exitValue() + "; see "
                        + dir.resolve("stdout.log") + " and " + dir.resolve("server.err.log"));
            }
            if (ping()) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("clickhouse-server did not answer /ping within 60 s; see " + dir);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 20 s); data and ports are kept for {@link #start()}. */
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

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The server's process id (to read its CPU time from /proc). */
    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    /** The native-protocol port (what remote_servers names). */
    public int tcpPort() {
        return tcpPort;
    }

    /** The server's directory (config, data, logs). */
    public Path dir() {
        return dir;
    }

    /** {@code clickhouse://default@127.0.0.1:PORT/database}. */
    public String url(String database) {
        return "clickhouse://default@127.0.0.1:" + httpPort + "/" + database;
    }

    public String createDatabase(String name) {
        query("CREATE DATABASE IF NOT EXISTS `" + name + "`");
        return name;
    }

    /** Runs SQL as {@code default} and returns the body (TabSeparated unless the query says otherwise). */
    public String query(String sql) {
        for (int attempt = 1; ; attempt++) {
            try {
                return queryOnce(sql);
            } catch (UncheckedIOException e) {
                // the server closes an idle keep-alive connection after 3 s; a request sent on it just then gets no
                // answer at all (nothing was run): send it again on a new connection
                String m = String.valueOf(e.getCause().getMessage());
                if (attempt >= 3 || !(m.contains("received no bytes") || m.contains("EOF"))) {
                    throw e;
                }
            }
        }
    }

    private String queryOnce(String sql) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/"))
                            .timeout(Duration.ofSeconds(120))
                            .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse query failed (HTTP " + r.statusCode() + "): " + r.body() + "\n" + sql);
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean ping() {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ping"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server and removes its data. */
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
