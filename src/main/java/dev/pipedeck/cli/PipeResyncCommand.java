package dev.pipedeck.cli;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeControl;
import picocli.CommandLine.Command;

/**
 * {@code pipe resync NAME [--wait[=DURATION]]}: copy a paused or failed pipe afresh — new slot, full copy into shadow
 * tables, swapped in at once when complete — then stream from the new slot.
 */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = {"Copy a paused or failed pipe afresh: drop its slot, create a new slot and publication, copy every "
                + "table into a shadow table (<table>_resync) while the destination tables stay readable, swap the copies "
                + "in at once, then stream from the new slot. Repairs a pipe whose slot was dropped or lost or whose "
                + "publication was dropped.",
                "With --wait, returns once the pipe runs again (give a long enough DURATION for big tables, e.g. --wait=30m)."})
final class PipeResyncCommand extends StateRequestCommand {
    @Override
    ControlResult request(PipeControl control) {
        return control.resync(name, root().actor());
    }

    @Override
    PipeStatus target() {
        return PipeStatus.RUNNING;
    }
}
