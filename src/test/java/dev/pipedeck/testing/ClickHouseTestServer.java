package dev.pipedeck.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real clickhouse-server started by the tests, shared by every test in the JVM (stopped by a shutdown hook).
 * It runs from a generated config on free loopback ports with its data in a temp directory, with the user
 * {@code default} (no password) and {@link #USER} / {@link #PASSWORD}. {@link #stop()} and {@link #start()} keep
 * the same ports and data, to simulate the server going away and coming back.
 *
 * <p>When no server binary is found the calling test is skipped with a visible reason, except when the environment
 * variable {@code CI} is {@code true}: then it fails, so CI cannot silently lose the ClickHouse coverage.
 */
public final class ClickHouseTestServer {
    public static final String USER = "pipedeck";
    public static final String PASSWORD = "s3cr&t p@ss:/";

    private static ClickHouseTestServer instance;

    private final List<String> command;
    private final Path dir;
    private final int httpPort;
    private final int tcpPort;
    private final int httpsPort;
    private boolean tls;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private Process process;

    private ClickHouseTestServer(List<String> command, Path dir, int httpPort, int tcpPort, int httpsPort) {
        this.command = command;
        this.dir = dir;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.httpsPort = httpsPort;
    }

    /** The shared, running server; skips (or, on CI, fails) the calling test when ClickHouse is not installed. */
    public static synchronized ClickHouseTestServer get() {
        if (instance == null) {
            List<String> cmd = findBinary();
            if (cmd == null) {
                String why = "clickhouse-server not installed: looked for $CLICKHOUSE_SERVER, /usr/bin/clickhouse, "
                        + "/usr/sbin/clickhouse-server, /usr/bin/clickhouse-server";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    Assertions.fail(why + " (CI=true, so this is a failure, not a skip)");
                }
                System.err.println("SKIPPED: " + why);
                Assumptions.assumeTrue(false, why);
            }
            try {
                Path dir = Files.createTempDirectory("pipedeck-clickhouse-");
                ClickHouseTestServer s = new ClickHouseTestServer(cmd, dir, freePort(), freePort(), freePort());
                s.writeConfig();
                Runtime.getRuntime().addShutdownHook(new Thread(s::shutdown, "clickhouse-test-server-stop"));
                s.start();
                instance = s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!instance.isRunning()) {
            instance.start(); // a previous test left it stopped
        }
        return instance;
    }

    private static List<String> findBinary() {
        String env = System.getenv("CLICKHOUSE_SERVER");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return List.of(env);
        }
        if (Files.isExecutable(Path.of("/usr/bin/clickhouse"))) {
            return List.of("/usr/bin/clickhouse", "server");
        }
        for (String p : List.of("/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return List.of(p);
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void writeConfig() throws IOException {
        for (String sub : List.of("data", "tmp", "user_files", "format_schemas")) {
            Files.createDirectories(dir.resolve(sub));
        }
        tls = TestTls.selfSigned(dir.resolve("server.crt"), dir.resolve("server.key"));
        String https = !tls ? "" : ("<https_port>%d</https_port><openSSL><server><certificateFile>%s</certificateFile>"
                + "<privateKeyFile>%s</privateKeyFile><verificationMode>none</verificationMode>"
                + "<loadDefaultCAFile>false</loadDefaultCAFile><disableProtocols>sslv2,sslv3</disableProtocols>"
                + "</server></openSSL>").formatted(httpsPort, dir.resolve("server.crt"), dir.resolve("server.key"));
        // 18.16 wants the <yandex> root element; newer servers accept it too
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
                """.formatted(dir, httpPort, tcpPort, https);
        String users = """
                <?xml version="1.0"?>
                <yandex>
                  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
                  <users>
                    <default><password></password><networks><ip>::/0</ip></networks>
                      <profile>default</profile><quota>default</quota></default>
                    <%1$s><password>%2$s</password><networks><ip>::/0</ip></networks>
                      <profile>default</profile><quota>default</quota></%1$s>
                  </users>
                  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
                    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
                  </interval></default></quotas>
                </yandex>
                """.formatted(USER, PASSWORD.replace("&", "&amp;"));
        Files.writeString(dir.resolve("config.xml"), config);
        Files.writeString(dir.resolve("users.xml"), users);
    }

    /** The HTTPS port, or -1 when openssl was not available to make a certificate. */
    public int httpsPort() {
        return tls ? httpsPort : -1;
    }

    /** An SSLContext that trusts this server's self-signed certificate (HTTPS tests). */
    public javax.net.ssl.SSLContext trustingSslContext() {
        return TestTls.trusting(dir.resolve("server.crt"));
    }

    /** Starts the server (again) on the same ports and data and waits until /ping answers. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(command));
            pb.command().add("--config-file=" + dir.resolve("config.xml"));
            pb.directory(dir.toFile());
            pb.redirectErrorStream(true);
            pb.redirectOutput(dir.resolve("stdout.log").toFile());
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clickhouse-server exited with " + process.exitValue()
                        + "; see " + dir.resolve("stdout.log") + " and " + dir.resolve("server.err.log"));
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

    private void shutdown() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir: best effort
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public Path dataDir() {
        return dir;
    }

    /** {@code clickhouse://default@127.0.0.1:PORT/database} (user default, no password). */
    public String url(String database) {
        return "clickhouse://default@127.0.0.1:" + httpPort + "/" + database;
    }

    /** The same, as the password-protected user {@link #USER} (password URL-encoded). */
    public String urlWithPassword(String database, String password) {
        return "clickhouse://" + USER + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20")
                + "@127.0.0.1:" + httpPort + "/" + database;
    }

    /** Creates a database (if missing) and returns its name. */
    public String createDatabase(String name) {
        query("CREATE DATABASE IF NOT EXISTS `" + name + "`");
        return name;
    }

    /** Runs SQL as {@code default} and returns the body (TabSeparated by default); non-200 → AssertionError. */
    public String query(String sql) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/"))
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new AssertionError("ClickHouse query failed (HTTP " + r.statusCode() + "): " + r.body() + "\n" + sql);
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
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ping"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
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
}
