package dev.pipedeck.change;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Advice that recurs in status reasons and errors, worded once so that every place says the same thing. */
public final class Advice {
    /** Stands for the pipe's name where the layer that words the error does not know it; the engine fills it in. */
    public static final String PIPE_NAME = "NAME";

    private Advice() {}

    /**
     * The only cure for a pipe whose slot or publication is gone: a new slot and a new initial copy. Re-creating a
     * dropped publication does not do it: a slot reads publications as of its own position, which predates the new one.
     */
    public static String resync(String pipeName) {
        return "resync the pipe: `" + COMMAND + (pipeName == null ? PIPE_NAME : pipeName)
                + "` or Resync… on its Settings tab (a new slot and a new initial copy)";
    }

    /** Resync of one table whose destination cannot take what the source now sends (e.g. a column's new type). */
    public static String resyncTable(String pipeName, TableRef table) {
        return "resync the table: `" + COMMAND + (pipeName == null ? PIPE_NAME : pipeName)
                + " --table " + table + "`, or Resync… → One table on the pipe's Settings tab";
    }

    /** Puts the pipe's name into advice worded without it. */
    public static String forPipe(String message, String pipeName) {
        if (message == null || pipeName == null) {
            return message;
        }
        // the command, not the whole advice: a sentence may start with it ("Resync the pipe: ..."); the command may
        // go on with options (" --table ...")
        return STAND_IN.matcher(message).replaceAll(Matcher.quoteReplacement("`" + COMMAND + pipeName));
    }

    private static final String COMMAND = "pipedeck pipe resync ";
    private static final Pattern STAND_IN = Pattern.compile(Pattern.quote("`" + COMMAND + PIPE_NAME) + "(?=[` ])");
}
