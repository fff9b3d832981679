package dev.pipedeck.sink;

import dev.pipedeck.change.TableSchema;

import java.util.List;
import java.util.Map;

/**
 * Reads a destination table's deduplicated current rows as key → fingerprint for {@code pipe verify}, in ranges of
 * an integer key column. Keys and fingerprints are built with {@link dev.pipedeck.change.CanonicalText} from the
 * columns given, so they match what the source side computes. {@link Destinations#fingerprints} opens one.
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
}
