package dev.pipedeck.sink;

import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.clickhouse.ChRowFingerprints;
import dev.pipedeck.sink.duckdb.DuckRowFingerprints;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a destination table's deduplicated current rows as key → fingerprint for {@code pipe verify}, in ranges of
 * an integer key column. Keys and fingerprints are built with {@link dev.pipedeck.change.CanonicalText} from the
 * columns given, so they match what the source side computes.
 */
public interface RowFingerprints extends AutoCloseable {
    /**
     * @param columns   the compared columns (keys first)
     * @param keyCount  how many of {@code columns} form the key
     * @param rangeKey  the integer column the range applies to, or null for the whole table
     * @param afterExcl lower bound (exclusive), or null
     * @param uptoIncl  upper bound (inclusive), or null
     */
    Map<String, String> read(String table, TableSchema schema, List<String> columns, int keyCount, String rangeKey,
                             Long afterExcl, Long uptoIncl);

    @Override
    void close();

    /** Opens the reader for a destination URL (with its password). */
    static RowFingerprints open(String url) {
        DestinationUrl u = DestinationUrl.parse(url);
        return switch (u.kind()) {
            case CLICKHOUSE -> new ChRowFingerprints(u);
            case DUCKDB -> new DuckRowFingerprints(Path.of(u.path()));
        };
    }
}
