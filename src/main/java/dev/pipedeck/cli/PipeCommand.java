package dev.pipedeck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code pipedeck pipe ...}: create, inspect and control pipes through the catalog. */
@Command(name = "pipe", mixinStandardHelpOptions = true, description = "Create, list, inspect, pause, resume, edit, resync and delete pipes, and show their history.",
        subcommands = {PipeCreateCommand.class, PipeListCommand.class, PipeStatusCommand.class, PipePauseCommand.class,
                PipeResumeCommand.class, PipeEditCommand.class, PipeResyncCommand.class, PipeDeleteCommand.class,
                PipeHistoryCommand.class, PipeVerifyCommand.class,
                PipeWalLimitCommand.class})
final class PipeCommand implements Runnable {
    @ParentCommand
    PipedeckCommand root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: use create, list, status, pause, resume, edit, resync, delete, history, verify or wal-limit");
    }
}
