package dev.pipedeck.change;

/**
 * A position in the Postgres write-ahead log, as a 64-bit unsigned number.
 * Printed the way Postgres prints it ({@code 16/B374D848}).
 */
public record Lsn(long value) implements Comparable<Lsn> {
    public static final Lsn ZERO = new Lsn(0);

    public static Lsn parse(String text) {
        if (text == null || text.isBlank()) {
            return ZERO;
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an LSN: " + text);
        }
        long hi = Long.parseUnsignedLong(text.substring(0, slash), 16);
        long lo = Long.parseUnsignedLong(text.substring(slash + 1), 16);
        return new Lsn((hi << 32) | lo);
    }

    public static String format(long value) {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
    }

    public Lsn max(Lsn other) {
        return compareTo(other) >= 0 ? this : other;
    }

    @Override
    public int compareTo(Lsn o) {
        return Long.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return format(value);
    }
}
