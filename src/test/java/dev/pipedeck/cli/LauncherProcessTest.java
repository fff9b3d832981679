package dev.pipedeck.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real entry point in a separate JVM, as {@code java -jar} runs it: exit codes through System.exit and nothing
 * on stderr but our one line (no library logging a stack trace of its own).
 */
class LauncherProcessTest {
    record Result(int code, String out, String err) {}

    static Result launch(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.pipedeck.Launcher"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("PIPEDECK_CATALOG");
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anUnreachableCatalogIsOneLineAndExitOne() throws Exception {
        Result r = launch("pipe", "list", "--catalog", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=ProcPw3");
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("pipedeck: could not open the catalog at jdbc:postgresql://127.0.0.1:1/x?user=u&password=***: "
                + "the catalog database is unreachable"), r.err().lines().toList());
        assertFalse(r.out().contains("ProcPw3"));
    }

    @Test
    void anUnknownOptionExitsTwo() throws Exception {
        Result r = launch("pipe", "list", "--bogus");
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
    }
}
