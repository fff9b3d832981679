package dev.pipedeck.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line reports failures itself, in one sentence; library loggers that print their own stack traces for
 * the same failure (HikariCP on an unreachable catalog) are silenced unless {@code --verbose} asks for everything.
 */
public final class CliLogging {
    /** Held so the JUL level set here is not lost when the logger is garbage-collected. */
    private static final java.util.logging.Logger PGJDBC = java.util.logging.Logger.getLogger("org.postgresql");

    private CliLogging() {}

    /**
     * @param args the command line: one-shot commands ({@code pipe ...}) silence HikariCP; long-running ones
     *             ({@code worker}, {@code demo}) keep its warnings, which are then the only news of a struggling pool
     */
    public static void configure(String[] args) {
        java.util.List<String> a = java.util.Arrays.asList(args);
        boolean verbose = a.contains("--verbose");
        boolean longRunning = a.contains("worker") || a.contains("demo");
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx)) {
            return;
        }
        if (verbose) {
            ctx.getLogger("dev.pipedeck").setLevel(Level.DEBUG);
            ctx.getLogger("com.zaxxer.hikari").setLevel(Level.INFO);
        } else if (!longRunning) {
            ctx.getLogger("com.zaxxer.hikari").setLevel(Level.OFF);
        }
        // pgjdbc logs through java.util.logging; keep it quiet unless verbose
        PGJDBC.setLevel(verbose ? java.util.logging.Level.FINE : java.util.logging.Level.OFF);
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        if (verbose && root.getLevel() != null && root.getLevel().isGreaterOrEqual(Level.WARN)) {
            root.setLevel(Level.INFO);
        }
    }
}
