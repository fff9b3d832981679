package dev.pipedeck.cli;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeControl;
import picocli.CommandLine.Command;

/** {@code pipe pause NAME [--wait[=DURATION]]}: stop at a transaction boundary; the slot stays. */
@Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a pipe at a transaction boundary (the slot keeps retaining WAL).")
final class PipePauseCommand extends StateRequestCommand {
    @Override
    ControlResult request(PipeControl control) {
        return control.pause(name, root().actor());
    }

    @Override
    PipeStatus target() {
        return PipeStatus.PAUSED;
    }
}
