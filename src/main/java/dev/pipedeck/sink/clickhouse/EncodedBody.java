package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.PipeDeckException;

import java.io.InputStream;

/**
 * An INSERT's data, encoded while the HTTP client reads it. An encoding failure is kept (the HTTP client would only
 * see an IOException) so the caller can rethrow it with its real classification.
 */
abstract class EncodedBody extends InputStream {
    /** The failure that ended the body early, or null. */
    abstract PipeDeckException failure();
}
