package dev.pipedeck.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationTextTest {
    @Test
    void parsesShortAndIsoForms() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofSeconds(1), DurationText.parse("1s"));
        assertEquals(Duration.ofMinutes(2), DurationText.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1H"));
        assertEquals(Duration.ofSeconds(90), DurationText.parse("PT1M30S"));
    }

    @Test
    void rejectsOtherTextWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse("soon"));
        assertTrue(e.getMessage().contains("'soon'") && e.getMessage().contains("500ms"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("10"));
    }

    @Test
    void formatsBackShort() {
        assertEquals("500ms", DurationText.format(Duration.ofMillis(500)));
        assertEquals("1s", DurationText.format(Duration.ofSeconds(1)));
        assertEquals("2m", DurationText.format(Duration.ofMinutes(2)));
        assertEquals("90s", DurationText.format(Duration.ofSeconds(90)));
    }
}
