package dev.pipedeck.sink;

import dev.pipedeck.sink.clickhouse.ChRowFingerprints;
import dev.pipedeck.sink.clickhouse.ClickHouseDestination;
import dev.pipedeck.sink.duckdb.DuckDbDestination;
import dev.pipedeck.sink.duckdb.DuckRowFingerprints;

import java.nio.file.Path;

/** Opens the {@link Destination} a {@link DestinationUrl} names. Opening does not connect; {@code check()} does. */
public final class Destinations {
    private Destinations() {}

    public static Destination open(DestinationUrl url) {
        return switch (url.kind()) {
            case CLICKHOUSE -> new ClickHouseDestination(url);
            case DUCKDB -> new DuckDbDestination(Path.of(url.path()));
        };
    }

    public static Destination open(String url) {
        return open(DestinationUrl.parse(url));
    }

    /** Opens the reader {@code pipe verify} compares with, for a destination URL (with its password). */
    public static RowFingerprints fingerprints(String url) {
        DestinationUrl u = DestinationUrl.parse(url);
        return switch (u.kind()) {
            case CLICKHOUSE -> new ChRowFingerprints(u);
            case DUCKDB -> new DuckRowFingerprints(Path.of(u.path()));
        };
    }
}
