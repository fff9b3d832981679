package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.GuardedPause;
import dev.pipedeck.control.PipeControl;
import picocli.CommandLine.Command;

/** {@code pipe resume NAME [--wait[=DURATION]]}: continue from the slot's confirmed position (also retries a failed pipe). */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused or failed pipe from its confirmed position.")
final class PipeResumeCommand extends StateRequestCommand {
    private Catalog catalog;

    @Override
    int run(Catalog catalog) {
        this.catalog = catalog;
        return super.run(catalog);
    }

    @Override
    ControlResult request(PipeControl control) {
        return new GuardedPause(catalog, control).resume(name, root().actor()); // also removes the pause's guard
    }

    @Override
    PipeStatus target() {
        return PipeStatus.RUNNING;
    }
}
