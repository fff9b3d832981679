package dev.pipedeck.sink.clickhouse;

import java.io.OutputStream;
import java.math.BigDecimal;
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

    /** Four bytes, little-endian (RowBinary Int32 / Float32). */
    void int32LE(int v) {
        if (size + 4 > data.length) {
            grow(4);
        }
        data[size] = (byte) v;
        data[size + 1] = (byte) (v >> 8);
        data[size + 2] = (byte) (v >> 16);
        data[size + 3] = (byte) (v >> 24);
        size += 4;
    }

    /** Eight bytes, little-endian (RowBinary Int64 / Float64). */
    void int64LE(long v) {
        if (size + 8 > data.length) {
            grow(8);
        }
        for (int i = 0; i < 8; i++) {
            data[size + i] = (byte) (v >> (8 * i));
        }
        size += 8;
    }

    /** Decimal digits of {@code v} without creating a String (hot path: ids, versions). */
    void decimal(long v) {
        if (v == Long.MIN_VALUE) {
            ascii("-9223372036854775808");
            return;
        }
        if (size + 20 > data.length) {
            grow(20);
        }
        if (v < 0) {
            data[size++] = '-';
            v = -v;
        }
        int start = size;
        do {
            data[size++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte t = data[i];
            data[i] = data[j];
            data[j] = t;
        }
    }

    /** {@code v} zero-padded to {@code width} digits (v must be non-negative and fit). */
    void padded(int v, int width) {
        if (size + width > data.length) {
            grow(width);
        }
        for (int i = size + width - 1; i >= size; i--) {
            data[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += width;
    }

    /** Plain decimal text; small values (unscaled fits in a long) without BigDecimal's string building. */
    void plainDecimal(BigDecimal d) {
        int scale = d.scale();
        if (scale < 0 || scale > 18 || d.precision() > 18) {
            ascii(d.toPlainString());
            return;
        }
        long unscaled = d.unscaledValue().longValue();
        if (unscaled < 0) {
            write('-');
            unscaled = -unscaled;
        }
        long pow = POW10[scale];
        decimal(unscaled / pow);
        if (scale > 0) {
            write('.');
            long frac = unscaled % pow;
            // zero-pad the fraction to the scale
            long p = pow / 10;
            while (p > 0 && frac < p) {
                write('0');
                p /= 10;
            }
            if (frac > 0) {
                decimal(frac);
            }
        }
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    void reset() {
        size = 0;
    }

    private void grow(int extra) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + extra));
    }
}
