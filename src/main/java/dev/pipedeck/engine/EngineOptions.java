package dev.pipedeck.engine;

import java.time.Duration;

/**
 * Engine timings.
 *
 * @param pollInterval       how often a worker looks at the catalog even without a notification (≤ 1 s)
 * @param slotSampleInterval how often each pipe's slot is sampled into the catalog
 * @param maxRetryDelay      cap of the exponential back-off for transient failures
 * @param rangesPerTable     how many ranges a big table is split into for the initial copy
 * @param heartbeatInterval  how often an idle running pipe writes a heartbeat into the source WAL, so that its slot
 *                           can be confirmed past other databases' traffic
 */
public record EngineOptions(Duration pollInterval, Duration slotSampleInterval, Duration maxRetryDelay, int rangesPerTable,
                            Duration heartbeatInterval) {
    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(30), 8,
                Duration.ofSeconds(10));
    }
}
