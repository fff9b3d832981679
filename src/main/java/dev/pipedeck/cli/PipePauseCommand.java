package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.GuardedPause;
import dev.pipedeck.control.PipeControl;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code pipe pause NAME [--wait[=DURATION]] [--for DURATION] [--resume-below DURATION]}: stop at a transaction
 * boundary; the slot stays. With a guard the worker resumes the pipe by itself at the end of {@code --for}, or once the
 * WAL-budget forecast falls under {@code --resume-below}; a manual resume or a new pause clears the guard.
 */
@Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a pipe at a transaction boundary (the slot keeps retaining WAL).")
final class PipePauseCommand extends StateRequestCommand {
    @Option(names = "--for", paramLabel = "DURATION", converter = DurationText.class,
            description = "Resume automatically after this long (e.g. 2h: a maintenance window).")
    Duration pauseFor;

    @Option(names = "--resume-below", paramLabel = "DURATION", converter = DurationText.class,
            description = "Resume automatically once less than this much WAL budget is left (e.g. 30m).")
    Duration resumeBelow;

    private Catalog catalog;

    /** A guard of zero or less is a typo, answered as the other bad numbers are: exit 2, before the catalog is asked. */
    @Override
    void validate() {
        if (pauseFor != null && (pauseFor.isNegative() || pauseFor.isZero())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--for must be a positive duration such as 2h (got " + DurationText.format(pauseFor) + ")");
        }
        if (resumeBelow != null && (resumeBelow.isNegative() || resumeBelow.isZero())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--resume-below must be a positive duration such as 30m (got " + DurationText.format(resumeBelow) + ")");
        }
    }

    @Override
    int run(Catalog catalog) {
        this.catalog = catalog;
        return super.run(catalog);
    }

    @Override
    ControlResult request(PipeControl control) {
        return new GuardedPause(catalog, control).pause(name, root().actor(), pauseFor, resumeBelow);
    }

    @Override
    PipeStatus target() {
        return PipeStatus.PAUSED;
    }
}
