package dev.pipedeck.cli;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeControl;
import picocli.CommandLine.Command;

/** {@code pipe resume NAME [--wait[=DURATION]]}: continue from the slot's confirmed position (also retries a failed pipe). */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused or failed pipe from its confirmed position.")
final class PipeResumeCommand extends StateRequestCommand {
    @Override
    ControlResult request(PipeControl control) {
        return control.resume(name, root().actor());
    }

    @Override
    PipeStatus target() {
        return PipeStatus.RUNNING;
    }
}
