package dev.pipedeck.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code pipedeck console [ARGS...]}: the JavaFX console (also what {@code pipedeck} alone opens). */
@Command(name = "console", mixinStandardHelpOptions = true, description = "Open the desktop console (the default without a command).")
final class ConsoleCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Passed to the console, e.g. --demo.")
    String[] args = new String[0];

    @Override
    public Integer call() throws Exception {
        if (!ConsoleLauncher.available()) {
            throw new CliFailure("console not available in this build");
        }
        ConsoleLauncher.launch(args);
        return PipedeckCommand.OK;
    }
}
