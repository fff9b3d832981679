package dev.pipedeck.source.pg;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CopyTextParserTest {
    private static String[] parse(String line, int n) {
        return CopyTextParser.parse(line.getBytes(StandardCharsets.UTF_8), n);
    }

    @Test
    void splitsFieldsAndRecognisesNull() {
        assertArrayEquals(new String[]{"1", null, "", "ü✓"}, parse("1\t\\N\t\tü✓\n", 4));
    }

    @Test
    void undoesEscapes() {
        assertArrayEquals(new String[]{"a\tb\nc\\d\re", "\\x00ff", "A\u0001", "\b\f\u000b"},
                parse("a\\tb\\nc\\\\d\\re\t\\\\x00ff\t\\101\\x01\t\\b\\f\\v\n", 4));
        assertArrayEquals(new String[]{"\\N"}, parse("\\\\N\n", 1));
    }

    @Test
    void rejectsWrongFieldCount() {
        assertThrows(IllegalStateException.class, () -> parse("1\t2\n", 3));
        assertThrows(IllegalStateException.class, () -> parse("1\t2\t3\n", 2));
    }
}
