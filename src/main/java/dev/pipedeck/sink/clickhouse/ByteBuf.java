package dev.pipedeck.sink.clickhouse;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer we can reuse between chunks (ByteArrayOutputStream is synchronized and copies on read). */
final class ByteBuf extends OutputStream {
    byte[] data = new byte[1 << 16];
    int size;

    @Override
    public void write(int b) {
        if (size == data.length) {
            grow(1);
        }
        data[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (size + len > data.length) {
            grow(len);
        }
        System.arraycopy(b, off, data, size, len);
        size += len;
    }

    void ascii(String s) {
        int n = s.length();
        if (size + n > data.length) {
            grow(n);
        }
        for (int i = 0; i < n; i++) {
            data[size++] = (byte) s.charAt(i);
        }
    }

    void reset() {
        size = 0;
    }

    private void grow(int extra) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + extra));
    }
}
