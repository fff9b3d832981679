package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.control.ControlResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/**
 * {@code pipe edit NAME [--batch-size N] [--sync-interval DURATION]}: change a paused pipe's batch settings; the worker
 * applies them when the pipe resumes. (Adding and removing tables is not offered yet.)
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = "Change a paused pipe's batch size or sync interval; they apply from the first batch after it resumes.")
final class PipeEditCommand extends PipeSubcommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--batch-size", paramLabel = "N", description = "Close a batch at N rows.")
    Integer batchSize;

    @Option(names = "--sync-interval", paramLabel = "DURATION", converter = DurationText.class,
            description = "Close a batch after this long (500ms, 1s, 2m, PT1M30S).")
    Duration syncInterval;

    @Override
    void validate() {
        if (batchSize == null && syncInterval == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "nothing to change: give --batch-size or --sync-interval");
        }
        if (batchSize != null && batchSize <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be positive (got " + batchSize + ")");
        }
        if (syncInterval != null && (syncInterval.isNegative() || syncInterval.isZero())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sync-interval must be positive (got " + DurationText.format(syncInterval) + ")");
        }
    }

    @Override
    int run(Catalog catalog) {
        ControlResult r = control(catalog).edit(name, batchSize, syncInterval, root().actor());
        if (r.refused()) {
            throw new CliFailure(r.message());
        }
        root().out().println(r.message());
        return PipedeckCommand.OK;
    }
}
