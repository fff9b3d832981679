package dev.pipedeck.sink.clickhouse;

/**
 * A ClickHouse server version and the features PipeDeck's type mapping depends on. Each feature is decided
 * separately from the version (not "old vs new") so servers in between get every type they support.
 */
public record ServerVersion(int major, int minor, String text) {

    public static ServerVersion parse(String text) {
        String t = text.strip();
        String[] parts = t.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return new ServerVersion(major, minor, t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a ClickHouse version: " + t, e);
        }
    }

    private boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    /** DateTime64(precision, tz): 20.1. */
    public boolean hasDateTime64() {
        return atLeast(20, 1);
    }

    /** Date32 (1900..2299): 21.9. */
    public boolean hasDate32() {
        return atLeast(21, 9);
    }

    /** The Bool type: 21.12 (we require 22.1 to be safe). */
    public boolean hasBool() {
        return atLeast(22, 1);
    }

    /** Decimal256 (precision up to 76): 20.8; before that Decimal128 (38). */
    public int maxDecimalPrecision() {
        return atLeast(20, 8) ? 76 : 38;
    }

    @Override
    public String toString() {
        return text;
    }
}
