package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.sink.DestinationUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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

    ChHttp(DestinationUrl url, Duration connectTimeout, Duration queryTimeout, Duration insertTimeout) {
        this.url = url;
        this.queryTimeout = queryTimeout;
        this.insertTimeout = insertTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
    }

    String endpoint() {
        return url.host() + ":" + url.port();
    }

    /** Runs one statement and returns the response body (TabSeparated unless the SQL says otherwise). */
    String query(String sql, String table) {
        HttpRequest req = base("", queryTimeout)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
                .build();
        log.debug("ClickHouse {}: {}", endpoint(), sql);
        return send(req, table, null);
    }

    /** Streams {@code body} as the data of {@code insertSql} (which ends in FORMAT ...). */
    void insert(String insertSql, TsvBody body, boolean gzip, String table) {
        String params = "query=" + URLEncoder.encode(insertSql, StandardCharsets.UTF_8);
        HttpRequest.Builder b = base(params, insertTimeout)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body));
        if (gzip) {
            b.header("Content-Encoding", "gzip");
        }
        log.debug("ClickHouse {}: {}", endpoint(), insertSql);
        send(b.build(), table, body);
    }

    private HttpRequest.Builder base(String params, Duration timeout) {
        String q = params.isEmpty() ? "" : "?" + params;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.httpBase() + q))
                .timeout(timeout)
                .header("X-ClickHouse-User", url.user())
                .header("Content-Type", "text/plain; charset=UTF-8");
        if (url.password() != null && !url.password().isEmpty()) {
            b.header("X-ClickHouse-Key", url.password());
        }
        return b;
    }

    private String send(HttpRequest req, String table, TsvBody body) {
        HttpResponse<String> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (body != null && body.failure() != null) {
                throw body.failure();
            }
            throw ChErrors.fromIo(e, endpoint(), table);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PipeDeckException.transientFailure("Interrupted while talking to ClickHouse at " + endpoint(), e);
        }
        if (body != null && body.failure() != null) {
            throw body.failure();
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
