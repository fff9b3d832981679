package dev.pipedeck.engine.metrics;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.engine.Worker;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.util.Map;

/** {@code /metrics} of a worker in the Prometheus text format (and OpenMetrics / protobuf on request), on its own port. */
public final class MetricsEndpoint implements AutoCloseable {
    private final HTTPServer server;

    private MetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    /** Serves the pipes {@code worker} owns on {@code port} (0: any free port); all interfaces. */
    public static MetricsEndpoint start(Worker worker, Catalog catalog, int port) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new PipeMetrics(catalog, worker::ownedPipes, worker::counters));
        try {
            return new MetricsEndpoint(HTTPServer.builder().port(port).registry(registry).buildAndStart());
        } catch (IOException e) {
            throw PipeDeckException.permanent("could not serve /metrics on port " + port + ": " + e.getMessage()
                    + " — choose a free port with --metrics-port", e);
        }
    }

    /**
     * The console's in-process worker serves /metrics only when asked: {@code PIPEDECK_METRICS_PORT} set to a port.
     *
     * @return the port, or null when not set
     * @throws IllegalArgumentException when it is set to something that is not a port
     */
    public static Integer portFromEnvironment(Map<String, String> env) {
        String v = env.get("PIPEDECK_METRICS_PORT");
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            int port = Integer.parseInt(v.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("PIPEDECK_METRICS_PORT must be a port number (0-65535), not '" + v + "'");
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
