package dev.pipedeck;

import dev.pipedeck.cli.CliLogging;
import dev.pipedeck.cli.ConsoleLauncher;
import dev.pipedeck.cli.PipedeckCommand;

import java.util.Arrays;

/**
 * {@code java -jar pipedeck.jar}: no arguments or {@code console} open the JavaFX console; everything else is the
 * command line. The only place that calls {@link System#exit}.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("console")) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            if (!ConsoleLauncher.available()) {
                System.err.println("pipedeck: console not available in this build (try 'pipedeck --help')");
                System.exit(PipedeckCommand.FAILED);
            }
            ConsoleLauncher.launch(rest);
            return;
        }
        CliLogging.configure(args);
        int code = PipedeckCommand.execute(System.out, System.err, System.getenv(), args);
        System.exit(code);
    }
}
