package dev.pipedeck.console.metrics;

import java.time.Instant;

/** One point of a time chart. */
public record ChartPoint(Instant at, double value) {
}
