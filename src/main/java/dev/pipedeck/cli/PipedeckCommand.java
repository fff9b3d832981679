package dev.pipedeck.cli;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.PipedeckHome;
import dev.pipedeck.catalog.Redaction;
import dev.pipedeck.catalog.SecretBox;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code pipedeck}: the root of the command line (see DESIGN.md "Command line (contract)"). Holds what every
 * subcommand shares: the output streams, the environment, and the global options {@code --catalog} and
 * {@code --verbose}. Streams and environment are passed in so tests run commands in-process.
 */
@Command(name = "pipedeck", mixinStandardHelpOptions = true, version = "PipeDeck 0.1.0",
        description = "PostgreSQL to ClickHouse CDC pipes.",
        subcommands = {PipeCommand.class, WorkerCommand.class, DemoCommand.class, ConsoleCommand.class, BenchCommand.class})
public final class PipedeckCommand implements Runnable {
    /** Exit codes of the contract: 0 done (no-op included), 1 refused or failed, 2 usage error. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Option(names = "--catalog", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Catalog database, jdbc:postgresql://host:port/db?user=..&password=.. (default: $PIPEDECK_CATALOG)")
    String catalogUrl;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces and debug logging.")
    boolean verbose;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public PipedeckCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** Runs the command line and returns the exit code; never calls System.exit. */
    public static int execute(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        PipedeckCommand root = new PipedeckCommand(out, err, env);
        CommandLine cl = new CommandLine(root);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        CliErrors errors = new CliErrors(root, args);
        cl.setParameterExceptionHandler(errors::onUsageError);
        cl.setExecutionExceptionHandler(errors::onFailure);
        cl.setExitCodeExceptionMapper(t -> FAILED);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        // `pipedeck` alone opens the console (Launcher handles that); reaching here means only global options were given
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command: use 'pipe', 'worker', 'demo' or 'console'");
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    boolean verbose() {
        return verbose;
    }

    /** The catalog URL from {@code --catalog} or {@code $PIPEDECK_CATALOG} (may be null: Catalog.open explains). */
    String catalogUrl() {
        return catalogUrl != null && !catalogUrl.isBlank() ? catalogUrl : env.get("PIPEDECK_CATALOG");
    }

    /** Opens the catalog; a missing or non-JDBC catalog URL is a usage error (exit 2), like any malformed URL. */
    Catalog openCatalog(CommandLine cmd) {
        String url = catalogUrl();
        if (url == null || url.isBlank()) {
            throw new CommandLine.ParameterException(cmd,
                    "no catalog given: pass --catalog jdbc:postgresql://host:port/db or set PIPEDECK_CATALOG");
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new CommandLine.ParameterException(cmd, "--catalog must look like jdbc:postgresql://host:port/db?user=..&password=.. (got '"
                    + Redaction.redactUrl(url) + "')");
        }
        return Catalog.open(url);
    }

    SecretBox secrets() {
        String key = env.get("PIPEDECK_SECRET_KEY");
        if (key != null && !key.isBlank()) {
            return new SecretBox(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return SecretBox.fromKeyFile(PipedeckHome.dir().resolve("secret.key"));
    }

    Actor actor() {
        return Actor.of(Actor.Kind.CLI);
    }

    /** A one-line warning on stderr (the command still succeeds). */
    void warn(String sentence) {
        err.println("pipedeck: warning: " + sentence);
    }
}
