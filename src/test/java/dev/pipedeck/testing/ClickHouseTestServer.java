package dev.pipedeck.testing;

import dev.pipedeck.bench.LocalClickHouse;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A real clickhouse-server started by the tests ({@link LocalClickHouse}), shared by every test in the JVM (stopped by
 * a shutdown hook), with the user {@code default} (no password) and {@link #USER} / {@link #PASSWORD}, and an HTTPS
 * port when openssl can make a certificate. {@link #stop()} and {@link #start()} keep the same ports and data, to
 * simulate the server going away and coming back.
 *
 * <p>When no server binary is found the calling test is skipped with a visible reason, except when the environment
 * variable {@code CI} is {@code true}: then it fails, so CI cannot silently lose the ClickHouse coverage.
 */
public final class ClickHouseTestServer {
    public static final String USER = "pipedeck";
    public static final String PASSWORD = "s3cr&t p@ss:/";

    private static ClickHouseTestServer instance;

    private final LocalClickHouse server;
    private final int httpsPort;
    private final boolean tls;

    private ClickHouseTestServer(LocalClickHouse server, int httpsPort, boolean tls) {
        this.server = server;
        this.httpsPort = httpsPort;
        this.tls = tls;
    }

    /** The shared, running server; skips (or, on CI, fails) the calling test when ClickHouse is not installed. */
    public static synchronized ClickHouseTestServer get() {
        if (instance == null) {
            List<String> cmd = LocalClickHouse.find().orElse(null);
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
                int httpsPort = LocalClickHouse.freePort();
                boolean[] tls = new boolean[1];
                LocalClickHouse server = LocalClickHouse.start(cmd, List.of(new LocalClickHouse.User(USER, PASSWORD)),
                        dir -> httpsConfig(dir, httpsPort, tls));
                instance = new ClickHouseTestServer(server, httpsPort, tls[0]);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "clickhouse-test-server-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!instance.isRunning()) {
            instance.start(); // a previous test left it stopped
        }
        return instance;
    }

    private static String httpsConfig(Path dir, int httpsPort, boolean[] tls) {
        tls[0] = TestTls.selfSigned(dir.resolve("server.crt"), dir.resolve("server.key"));
        if (!tls[0]) {
            return "";
        }
        return ("<https_port>%d</https_port><openSSL><server><certificateFile>%s</certificateFile>"
                + "<privateKeyFile>%s</privateKeyFile><verificationMode>none</verificationMode>"
                + "<loadDefaultCAFile>false</loadDefaultCAFile><disableProtocols>sslv2,sslv3</disableProtocols>"
                + "</server></openSSL>").formatted(httpsPort, dir.resolve("server.crt"), dir.resolve("server.key"));
    }

    /** The HTTPS port, or -1 when openssl was not available to make a certificate. */
    public int httpsPort() {
        return tls ? httpsPort : -1;
    }

    /** An SSLContext that trusts this server's self-signed certificate (HTTPS tests). */
    public javax.net.ssl.SSLContext trustingSslContext() {
        return TestTls.trusting(server.dir().resolve("server.crt"));
    }

    /** Starts the server (again) on the same ports and data and waits until /ping answers. */
    public void start() {
        server.start();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 20 s); data and ports are kept for {@link #start()}. */
    public void stop() {
        server.stop();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    public int httpPort() {
        return server.httpPort();
    }

    public Path dataDir() {
        return server.dir();
    }

    /** {@code clickhouse://default@127.0.0.1:PORT/database} (user default, no password). */
    public String url(String database) {
        return server.url(database);
    }

    /** The same, as the password-protected user {@link #USER} (password URL-encoded). */
    public String urlWithPassword(String database, String password) {
        return "clickhouse://" + USER + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20")
                + "@127.0.0.1:" + server.httpPort() + "/" + database;
    }

    /** Creates a database (if missing) and returns its name. */
    public String createDatabase(String name) {
        return server.createDatabase(name);
    }

    /** Runs SQL as {@code default} and returns the body (TabSeparated by default). */
    public String query(String sql) {
        return server.query(sql);
    }
}
