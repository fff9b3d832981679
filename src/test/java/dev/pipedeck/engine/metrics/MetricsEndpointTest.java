package dev.pipedeck.engine.metrics;

import dev.pipedeck.engine.SourceCleanup;
import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.engine.DefaultConnectors;
import dev.pipedeck.engine.EngineOptions;
import dev.pipedeck.engine.Worker;
import dev.pipedeck.testing.TestPostgres;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real worker with a real pipe serves /metrics; the scrape is parsed with the Prometheus client's own format classes. */
class MetricsEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void scrapeShowsThePipesFiguresInPrometheusNaming(@TempDir Path dir) throws Exception {
        String src = TestPostgres.newDatabase("metrics_src");
        try (Connection c = TestPostgres.connect(src); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric)");
            st.execute("INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 250) g");
        }
        String catalogUrl = TestPostgres.jdbcUrl(TestPostgres.newDatabase("metrics_cat")) + "?user=postgres";
        SecretBox secrets = new SecretBox("metrics-test".getBytes(StandardCharsets.UTF_8));
        try (Catalog catalog = Catalog.open(catalogUrl)) {
            PipeControl control = new PipeControl(catalog, secrets, PipeChecks.NONE, SourceCleanup.NONE);
            Pipe p = control.create(new PipeSpec("m1", TestPostgres.jdbcUrl(src) + "?user=postgres",
                    "duckdb:" + dir.resolve("m1.duckdb"), TableMapping.parseList("public.orders"), 1_000, Duration.ofMillis(100), 2),
                    Actor.of(Actor.Kind.TEST));
            EngineOptions fast = new EngineOptions(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(2), 4, Duration.ofSeconds(1));
            try (Worker worker = new Worker(catalog, secrets, "w-metrics", DefaultConnectors.create(), fast);
                 MetricsEndpoint endpoint = startAfter(worker, catalog)) {
                waitUntil(() -> control.get("m1").status() == PipeStatus.RUNNING, "pipe running");
                try (Connection c = TestPostgres.connect(src); Statement st = c.createStatement()) {
                    st.execute("UPDATE orders SET amount = amount + 1 WHERE id <= 10");
                    st.execute("DELETE FROM orders WHERE id = 250");
                }
                MetricsRepository metrics = new MetricsRepository(catalog.dataSource());
                waitUntil(() -> control.get("m1").rowsSynced() >= 261, "changes applied");
                waitUntil(() -> {
                    var s = metrics.latestSlotSamples().get(p.id());
                    return s != null && s.lagSeconds() != null;
                }, "a slot sample with lag");

                String base = "http://127.0.0.1:" + endpoint.port() + "/metrics";
                HttpResponse<String> text = HTTP.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, text.statusCode());
                assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), text.headers().toString());
                assertTrue(text.body().contains("# TYPE pipedeck_rows_synced_total counter"), text.body());
                assertTrue(text.body().contains("pipedeck_table_rows_total{kind=\"update\",pipe=\"m1\",table=\"public.orders\"} 10.0"), text.body());

                HttpResponse<byte[]> proto = HTTP.send(HttpRequest.newBuilder(URI.create(base))
                        .header("Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited")
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, proto.statusCode());
                Map<String, Metrics.MetricFamily> families = parse(proto.body());
                assertEquals(Metrics.MetricType.COUNTER, families.get("pipedeck_rows_synced_total").getType());
                assertEquals(Metrics.MetricType.GAUGE, families.get("pipedeck_lag_seconds").getType());
                for (String name : List.of("pipedeck_pipe_status", "pipedeck_batches_total", "pipedeck_lag_bytes",
                        "pipedeck_slot_retained_wal_bytes", "pipedeck_slot_wal_status", "pipedeck_errors_total",
                        "pipedeck_retries_total", "pipedeck_catalog_up")) {
                    assertTrue(families.containsKey(name), name + " in " + families.keySet());
                }
                assertEquals(1.0, value(families, "pipedeck_pipe_status", Map.of("pipe", "m1", "status", "RUNNING")));
                assertEquals(0.0, value(families, "pipedeck_pipe_status", Map.of("pipe", "m1", "status", "PAUSED")));
                assertEquals(10.0, value(families, "pipedeck_table_rows_total", Map.of("pipe", "m1", "table", "public.orders", "kind", "update")));
                assertEquals(1.0, value(families, "pipedeck_table_rows_total", Map.of("pipe", "m1", "table", "public.orders", "kind", "delete")));
                assertEquals(250.0, value(families, "pipedeck_table_rows_total", Map.of("pipe", "m1", "table", "public.orders", "kind", "snapshot")));
                assertEquals(1.0, value(families, "pipedeck_slot_wal_status", Map.of("pipe", "m1", "wal_status", "reserved")));
                assertTrue(value(families, "pipedeck_batches_total", Map.of("pipe", "m1", "kind", "cdc")) >= 1);
                assertTrue(value(families, "pipedeck_lag_seconds", Map.of("pipe", "m1")) >= 0);
            }
        }
    }

    private static MetricsEndpoint startAfter(Worker worker, Catalog catalog) {
        worker.start();
        return MetricsEndpoint.start(worker, catalog, 0);
    }

    private static Map<String, Metrics.MetricFamily> parse(byte[] body) throws Exception {
        Map<String, Metrics.MetricFamily> out = new HashMap<>();
        try (InputStream in = new ByteArrayInputStream(body)) {
            Metrics.MetricFamily f;
            while ((f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
                out.put(f.getName(), f);
            }
        }
        return out;
    }

    private static double value(Map<String, Metrics.MetricFamily> families, String name, Map<String, String> labels) {
        for (Metrics.Metric m : families.get(name).getMetricList()) {
            Map<String, String> l = new HashMap<>();
            m.getLabelList().forEach(p -> l.put(p.getName(), p.getValue()));
            if (l.equals(labels)) {
                return m.hasCounter() ? m.getCounter().getValue() : m.getGauge().getValue();
            }
        }
        throw new AssertionError("no " + name + labels + " in " + families.get(name));
    }

    private static void waitUntil(java.util.function.BooleanSupplier ok, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
