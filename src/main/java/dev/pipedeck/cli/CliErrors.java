package dev.pipedeck.cli;

import dev.pipedeck.catalog.Redaction;
import dev.pipedeck.change.PipeDeckException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns every failure into one line on stderr ({@code pipedeck: <sentence>}) and the documented exit code. Messages
 * are redacted with every password found on the command line, even when the URL around it is malformed, because a
 * message may quote what the user typed.
 */
final class CliErrors {
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)password=([^&;\\s]+)");
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("://[^:/@\\s]*:([^@\\s]+)@");

    private final PipedeckCommand root;
    private final String[] secrets;

    CliErrors(PipedeckCommand root, String[] args) {
        this.root = root;
        List<String> found = new ArrayList<>();
        for (String a : args) {
            collectSecrets(a, found);
        }
        collectSecrets(root.catalogUrl() == null ? "" : root.catalogUrl(), found);
        this.secrets = found.toArray(String[]::new);
    }

    static void collectSecrets(String text, List<String> into) {
        for (Pattern p : List.of(QUERY_PASSWORD, USERINFO_PASSWORD)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                into.add(m.group(1));
                try {
                    into.add(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notEncoded) {
                    // the raw form is already recorded
                }
            }
        }
    }

    /** Wrong option, missing parameter, bad value: exit 2. */
    int onUsageError(CommandLine.ParameterException e, String[] args) {
        String cmd = e.getCommandLine().getCommandSpec().qualifiedName();
        line(usageSentence(e) + " (see '" + cmd + " --help')");
        if (root.verbose()) {
            trace(e);
        }
        return PipedeckCommand.USAGE;
    }

    /** picocli's sentence, except for a mistyped command, which it words as "Unmatched arguments from index 1: ...". */
    private static String usageSentence(CommandLine.ParameterException e) {
        CommandLine cl = e.getCommandLine();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !cl.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + u.getUnmatched().get(0) + "': '" + cl.getCommandSpec().qualifiedName()
                    + "' takes " + String.join(", ", cl.getSubcommands().keySet());
        }
        return firstLine(e.getMessage());
    }

    /** The command ran and failed: exit 1, one sentence, stack trace only with --verbose. */
    int onFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        line(sentence(e));
        if (root.verbose()) {
            trace(e);
        }
        return PipedeckCommand.FAILED;
    }

    static String sentence(Throwable e) {
        if (e instanceof PipeDeckException || e instanceof IllegalArgumentException || e instanceof UncheckedIOException
                || e instanceof CliFailure) {
            return firstLine(e.getMessage());
        }
        // a bug of ours: its words without the class name (the log and --verbose have the stack trace)
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "no detail" : firstLine(e.getMessage());
        return "unexpected error (" + detail + "); run again with --verbose for details, and please report it";
    }

    private void line(String sentence) {
        root.err().println("pipedeck: " + Redaction.redact(sentence, secrets));
        root.err().flush();
    }

    private void trace(Throwable e) {
        StringWriter sw = new StringWriter();
        e.printStackTrace(new PrintWriter(sw));
        root.err().print(Redaction.redact(sw.toString(), secrets));
        root.err().flush();
    }

    static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "unknown error";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
