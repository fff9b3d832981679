package dev.pipedeck.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleArgsTest {
    @Test
    void catalogFromFlagThenEnvironment() {
        assertEquals(new ConsoleArgs(false, "jdbc:postgresql://a/b"), ConsoleArgs.parse(List.of("--catalog=jdbc:postgresql://a/b"), "env"));
        assertEquals(new ConsoleArgs(false, "jdbc:postgresql://c/d"), ConsoleArgs.parse(List.of("--catalog", "jdbc:postgresql://c/d"), null));
        assertEquals(new ConsoleArgs(true, "env"), ConsoleArgs.parse(List.of("--demo"), "env"));
        assertEquals(new ConsoleArgs(false, null), ConsoleArgs.parse(List.of(), " "));
    }
}
