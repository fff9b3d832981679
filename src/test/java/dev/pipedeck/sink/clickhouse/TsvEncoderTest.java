package dev.pipedeck.sink.clickhouse;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text forms of dates and times on 18.16's String columns: one year form for dates and timestamps, 24:00:00 kept. */
class TsvEncoderTest {

    @Test
    void endOfDayIsWrittenAsPostgresHasIt() {
        // the codec decodes Postgres' 24:00:00 as LocalTime.MAX; it was written as 23:59:59.999999, another time
        assertEquals("24:00:00.000000", TsvEncoder.time(LocalTime.MAX));
        assertEquals("24:00:00.000000+05:30", TsvEncoder.timetz(OffsetTime.of(LocalTime.MAX, ZoneOffset.ofHoursMinutes(5, 30))));
        assertEquals("23:59:59.999999", TsvEncoder.time(LocalTime.of(23, 59, 59, 999_999_000)));
        assertEquals("24:00:00.000000", ChLiteral.text(ChColumn.Encoding.TIME_TEXT, LocalTime.MAX));
    }

    @Test
    void timestampYearsAreWrittenAsDateYearsAre() {
        // a date column held -0043-03-15 for 44 BC while a timestamp column held -43-03-15, and +10000 against 10000
        LocalDate bc = LocalDate.of(-43, 3, 15);
        assertEquals("-0043-03-15", TsvEncoder.dateText(bc));
        assertEquals("-0043-03-15 12:00:00.500000", TsvEncoder.tsText(bc.atTime(12, 0, 0, 500_000_000)));
        assertEquals("0000-01-01 00:00:00.000000", TsvEncoder.tsText(LocalDateTime.of(0, 1, 1, 0, 0)));
        assertEquals("+10000-01-01", TsvEncoder.dateText(LocalDate.of(10_000, 1, 1)));
        assertEquals("+12345-06-07 08:09:10.000000", TsvEncoder.tsText(LocalDateTime.of(12_345, 6, 7, 8, 9, 10)));
        assertEquals("0001-01-01 00:00:00.000000", TsvEncoder.tsText(LocalDateTime.of(1, 1, 1, 0, 0)));
        assertEquals("-0043-03-15 12:00:00.500000", ChLiteral.text(ChColumn.Encoding.TS_TEXT, bc.atTime(12, 0, 0, 500_000_000)));
    }
}
