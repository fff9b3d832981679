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
 * A clickhouse-server process of our own for {@code pipedeck bench}: a generated config on free loopback ports, data
 * in a temporary directory, user {@code default} without a password. Started the same way as the tests' harness
 * (which may later reuse this class). Only exists when a server binary is installed: see {@link #find()}.
 */
public final class LocalClickHouse implements AutoCloseable {
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
        try {
            LocalClickHouse ch = new LocalClickHouse(command, Files.createTempDirectory("pipedeck-bench-ch-"),
                    freePort(), freePort());
            ch.writeConfig();
            ch.startProcess();
            return ch;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void writeConfig() throws IOException {
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
                """.formatted(dir, httpPort, tcpPort);
        String users = """
                <?xml version="1.0"?>
                <yandex>
                  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
                  <users><default><password></password><networks><ip>::/0</ip></networks>
                    <profile>default</profile><quota>default</quota></default></users>
                  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
                    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
                  </interval></default></quotas>
                </yandex>
                """;
        Files.writeString(dir.resolve("config.xml"), config);
        Files.writeString(dir.resolve("users.xml"), users);
    }

    private void startProcess() throws IOException {
        List<String> cmd = new ArrayList<>(command);
        cmd.add("--config-file=" + dir.resolve("config.xml"));
        process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clickhouse-server exited with " + process.exitValue() + "; see "
                        + dir.resolve("server.err.log"));
            }
            if (ping()) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("clickhouse-server did not answer /ping within 60 s; see " + dir);
    }

    /** The server's process id (to read its CPU time from /proc). */
    public long pid() {
        return process.pid();
    }

    /** {@code clickhouse://default@127.0.0.1:PORT/database}. */
    public String url(String database) {
        return "clickhouse://default@127.0.0.1:" + httpPort + "/" + database;
    }

    public String createDatabase(String name) {
        query("CREATE DATABASE IF NOT EXISTS `" + name + "`");
        return name;
    }

    /** Runs SQL and returns the body (TabSeparated unless the query says otherwise). */
    public String query(String sql) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/"))
                            .timeout(Duration.ofSeconds(120))
                            .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse query failed (HTTP " + r.statusCode() + "): " + r.body());
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
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: best effort
        }
    }
}
