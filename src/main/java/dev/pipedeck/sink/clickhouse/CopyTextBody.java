package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.CopyTextRows;
import dev.pipedeck.change.PipeDeckException;

import java.io.IOException;
import java.util.List;

/**
 * The TabSeparated body of one snapshot INSERT made from COPY text chunks by a {@link CopyTextTranscoder}, produced
 * piece by piece while the HTTP client reads it (like {@link InsertBody}), so transcoding overlaps the server's
 * parsing.
 */
final class CopyTextBody extends EncodedBody {
    private final CopyTextTranscoder transcoder;
    private final List<CopyTextRows> chunks;
    private final String table;
    private int chunk;
    private int pos;

    CopyTextBody(CopyTextTranscoder transcoder, List<CopyTextRows> chunks, String table, boolean compress)
            throws IOException {
        super(compress);
        this.transcoder = transcoder;
        this.chunks = chunks;
        this.table = table;
    }

    @Override
    boolean encodeMore() {
        while (chunk < chunks.size() && raw.size < CHUNK) {
            CopyTextRows rows = chunks.get(chunk);
            if (pos >= rows.length()) {
                chunk++;
                pos = 0;
                continue;
            }
            pos = transcoder.line(rows.data(), pos, rows.length(), rows.decoder(), raw);
        }
        return chunk >= chunks.size();
    }

    @Override
    PipeDeckException encodingFailed(RuntimeException e) {
        return PipeDeckException.permanent("Cannot encode a row of the initial copy for ClickHouse table "
                + table + " (" + e.getMessage() + "). Report it with the PipeDeck log.", e);
    }
}
