package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.sink.DestinationUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.function.Supplier;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The ClickHouse HTTP interface over {@link HttpClient} (the official clients no longer speak to old servers).
 * Credentials travel only in the X-ClickHouse-User / X-ClickHouse-Key headers, never in the URL, and are never logged.
 */
final class ChHttp {
    private static final Logger log = LoggerFactory.getLogger(ChHttp.class);

    private final DestinationUrl url;
    private final HttpClient client;
    private final Duration queryTimeout;
    private final Duration insertTimeout;

    ChHttp(DestinationUrl url, Duration connectTimeout, Duration queryTimeout, Duration insertTimeout,
           SSLContext sslContext) {
        this.url = url;
        this.queryTimeout = queryTimeout;
        this.insertTimeout = insertTimeout;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout);
        if (sslContext != null) {
            b.sslContext(sslContext);
        }
        this.client = b.build();
    }

    String endpoint() {
        return url.host() + ":" + url.port();
    }

    /** Runs one statement and returns the response body (TabSeparated unless the SQL says otherwise). */
    String query(String sql, String table) {
        log.debug("ClickHouse {}: {}", endpoint(), sql);
        // SELECTs, CREATE ... IF NOT EXISTS and INSERT ... SELECT of versioned rows can safely be sent twice
        boolean idempotent = !sql.startsWith("ALTER");
        return send(() -> base("", queryTimeout)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build(), table, null, idempotent);
    }

    /**
     * Streams a fresh body from {@code bodies} as the data of {@code insertSql} (which ends in FORMAT ...). Inserts
     * are idempotent here (same rows, same versions), so a connection the server closed while idle is retried once.
     */
    void insert(String insertSql, Supplier<? extends EncodedBody> bodies, boolean gzip, String table) {
        String params = "query=" + URLEncoder.encode(insertSql, StandardCharsets.UTF_8);
        log.debug("ClickHouse {}: {}", endpoint(), insertSql);
        EncodedBody[] current = new EncodedBody[1];
        send(() -> {
            current[0] = bodies.get();
            EncodedBody body = current[0];
            HttpRequest.Builder b = base(params, insertTimeout).POST(HttpRequest.BodyPublishers.ofInputStream(() -> body));
            if (gzip) {
                b.header("Content-Encoding", "gzip");
            }
            return b.build();
        }, table, () -> current[0].failure(), true);
    }

    private HttpRequest.Builder base(String params, Duration timeout) {
        String q = params.isEmpty() ? "" : "?" + params;
        if (url.isCluster()) {
            q += (q.isEmpty() ? "?" : "&") + ChClusterLayout.SETTINGS;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.httpBase() + q))
                .timeout(timeout)
                .header("X-ClickHouse-User", url.user())
                .header("Content-Type", "text/plain; charset=UTF-8");
        if (url.password() != null && !url.password().isEmpty()) {
            b.header("X-ClickHouse-Key", url.password());
        }
        return b;
    }

    private String send(Supplier<HttpRequest> request, String table, Supplier<PipeDeckException> bodyFailure,
                        boolean idempotent) {
        HttpResponse<String> resp = null;
        for (int attempt = 1; resp == null; attempt++) {
            try {
                resp = client.send(request.get(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (bodyFailure != null && bodyFailure.get() != null) {
                    throw bodyFailure.get();
                }
                // a pooled keep-alive connection the server closed shows up as a reset/EOF, not a refused connect
                boolean stale = !(e instanceof ConnectException) && !(e instanceof HttpTimeoutException);
                if (!(idempotent && stale && attempt == 1)) {
                    throw ChErrors.fromIo(e, endpoint(), table);
                }
                log.debug("ClickHouse {}: retrying once after {}", endpoint(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PipeDeckException.transientFailure("Interrupted while talking to ClickHouse at " + endpoint(), e);
            }
        }
        if (bodyFailure != null && bodyFailure.get() != null) {
            throw bodyFailure.get();
        }
        if (resp.statusCode() != 200) {
            PipeDeckException e = ChErrors.fromResponse(resp.statusCode(), resp.body(), url.user(), url.database(), table);
            log.debug("ClickHouse {} answered HTTP {}: {}", endpoint(), resp.statusCode(), ChErrors.serverMessage(resp.body()));
            throw e;
        }
        return resp.body();
    }

    void close() {
        // HttpClient has no close() before Java 21; its connections die with the executor when unreferenced
    }
}
