package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.PipeDeckException;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;

/**
 * An INSERT's data, encoded chunk by chunk while the HTTP client reads it (gzipped when asked), so a large insert
 * never exists as one big buffer and encoding overlaps the server's parsing. A subclass encodes its rows into
 * {@link #raw}. An encoding failure is kept (the HTTP client would only see an IOException) so the caller can rethrow
 * it with its real classification.
 */
abstract class EncodedBody extends InputStream {
    static final int CHUNK = 1 << 16;

    /** Where {@link #encodeMore} writes, emptied before each call. */
    final ByteBuf raw = new ByteBuf();
    private final ByteBuf out;
    private final GZIPOutputStream gzip;
    private int readPos;
    private boolean finished;
    private volatile PipeDeckException failure;

    EncodedBody(boolean compress) throws IOException {
        this.out = compress ? new ByteBuf() : raw;
        this.gzip = compress ? new GZIPOutputStream(out, CHUNK) : null;
    }

    /** Encodes further rows into {@link #raw}, about {@link #CHUNK} bytes; true once every row is encoded. */
    abstract boolean encodeMore();

    /** The failure for an unexpected exception while encoding: a sentence naming the table, what to do. */
    abstract PipeDeckException encodingFailed(RuntimeException e);

    /** The failure that ended the body early, or null. */
    final PipeDeckException failure() {
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
        boolean last;
        try {
            last = encodeMore();
        } catch (PipeDeckException e) {
            failure = e;
            throw new IOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            failure = encodingFailed(e);
            throw new IOException(e);
        }
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
