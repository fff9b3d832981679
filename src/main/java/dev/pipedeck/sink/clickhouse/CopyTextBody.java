package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.CopyTextRows;
import dev.pipedeck.change.PipeDeckException;

import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The TabSeparated body of one snapshot INSERT made from COPY text chunks by a {@link CopyTextTranscoder}, produced
 * piece by piece while the HTTP client reads it (like {@link InsertBody}), so transcoding overlaps the server's
 * parsing.
 */
final class CopyTextBody extends EncodedBody {
    private static final int CHUNK = 1 << 16;

    private final CopyTextTranscoder transcoder;
    private final List<CopyTextRows> chunks;
    private final String table;
    private final ByteBuf raw = new ByteBuf();
    private final ByteBuf out;
    private final GZIPOutputStream gzip;
    private int chunk;
    private int pos;
    private int readPos;
    private boolean finished;
    private volatile PipeDeckException failure;

    CopyTextBody(CopyTextTranscoder transcoder, List<CopyTextRows> chunks, String table, boolean compress)
            throws IOException {
        this.transcoder = transcoder;
        this.chunks = chunks;
        this.table = table;
        this.out = compress ? new ByteBuf() : raw;
        this.gzip = compress ? new GZIPOutputStream(out, CHUNK) : null;
    }

    @Override
    PipeDeckException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (readPos >= out.size) {
            if (finished) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, out.size - readPos);
        System.arraycopy(out.data, readPos, b, off, n);
        readPos += n;
        return n;
    }

    private void fill() throws IOException {
        out.reset();
        raw.reset();
        readPos = 0;
        try {
            while (chunk < chunks.size() && raw.size < CHUNK) {
                CopyTextRows rows = chunks.get(chunk);
                if (pos >= rows.length()) {
                    chunk++;
                    pos = 0;
                    continue;
                }
                pos = transcoder.line(rows.data(), pos, rows.length(), rows.decoder(), raw);
            }
        } catch (PipeDeckException e) {
            failure = e;
            throw new IOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            failure = PipeDeckException.permanent("Cannot encode a row of the initial copy for ClickHouse table "
                    + table + " (" + e.getMessage() + "). Report it with the PipeDeck log.", e);
            throw new IOException(e);
        }
        boolean last = chunk >= chunks.size();
        if (gzip != null) {
            gzip.write(raw.data, 0, raw.size);
            raw.reset();
            if (last) {
                gzip.finish();
            }
        }
        if (last) {
            finished = true;
        }
    }
}
