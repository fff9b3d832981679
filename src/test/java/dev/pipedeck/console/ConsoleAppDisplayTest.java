package dev.pipedeck.console;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The title bar's name for a catalog given on the command line: who and where, never the password. */
class ConsoleAppDisplayTest {
    @Test
    void namesUserHostAndDatabaseWithoutThePassword() {
        assertEquals("alice@db.internal:5432/pipedeck",
                ConsoleApp.display("jdbc:postgresql://db.internal:5432/pipedeck?password=s3cret&user=alice"));
        assertEquals("db.internal:5432/pipedeck", ConsoleApp.display("jdbc:postgresql://db.internal:5432/pipedeck"));
        assertEquals("a b@h:1/d", ConsoleApp.display("jdbc:postgresql://h:1/d?user=a%20b&password=x"));
    }
}
