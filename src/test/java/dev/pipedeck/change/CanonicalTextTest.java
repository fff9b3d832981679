package dev.pipedeck.change;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same value printed by Postgres ({@code ::text}, TimeZone UTC), ClickHouse (PipeDeck's text forms) and DuckDB
 * (VARCHAR) has one canonical text — also BC and five-digit years and {@code 24:00:00}, which pipe verify reported as
 * differing although the destination held them exactly.
 */
class CanonicalTextTest {

    private static void same(TypeFamily f, String expected, String... printed) {
        for (String p : printed) {
            assertEquals(expected, CanonicalText.of(f, p), f + " " + p);
        }
    }

    @Test
    void datesBeforeOurEraAndAfterYear9999() {
        same(TypeFamily.DATE, "-0043-03-15", "0044-03-15 BC", "0044-03-15 (BC)", "-0043-03-15");
        same(TypeFamily.DATE, "0000-01-01", "0001-01-01 BC", "0001-01-01 (BC)", "0000-01-01");
        same(TypeFamily.DATE, "+10000-01-01", "10000-01-01", "+10000-01-01");
        same(TypeFamily.DATE, "2024-02-29", "2024-02-29");
        same(TypeFamily.DATE, "infinity", "infinity");
    }

    @Test
    void timestampsBeforeOurEraAndAfterYear9999() {
        same(TypeFamily.TIMESTAMP, "-0043-03-15 12:00:00.500000", "0044-03-15 12:00:00.5 BC",
                "0044-03-15 (BC) 12:00:00.5", "-0043-03-15 12:00:00.500000");
        same(TypeFamily.TIMESTAMP, "+12345-06-07 08:09:10.000000", "12345-06-07 08:09:10", "+12345-06-07 08:09:10.000000");
        same(TypeFamily.TIMESTAMPTZ, "-0043-03-15 12:00:00.250000", "0044-03-15 12:00:00.25+00 BC",
                "0044-03-15 (BC) 12:00:00.25+00", "-0043-03-15 12:00:00.250000");
        same(TypeFamily.TIMESTAMPTZ, "2024-02-28 19:17:03.100000", "2024-02-29 01:02:03.1+05:45",
                "2024-02-28 19:17:03.100000", "2024-02-28 19:17:03.1+00");
        same(TypeFamily.TIMESTAMPTZ, "+12345-06-07 08:09:10.000000", "12345-06-07 08:09:10+00");
    }

    @Test
    void endOfDay() {
        same(TypeFamily.TIME, "24:00:00.000000", "24:00:00", "24:00:00.000000");
        same(TypeFamily.TIME, "23:59:59.999999", "23:59:59.999999");
        same(TypeFamily.TIMETZ, "24:00:00.000000+05:30", "24:00:00+05:30", "24:00:00.000000+05:30");
        same(TypeFamily.TIMETZ, "00:00:00.000000+05:30:15", "00:00:00+05:30:15", "00:00:00.000000+05:30:15");
    }
}
