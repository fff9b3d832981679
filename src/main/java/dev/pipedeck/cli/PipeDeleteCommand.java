package dev.pipedeck.cli;

import dev.pipedeck.engine.DefaultSourceCleanup;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;



/**
 * {@code pipe delete NAME}: a live worker that owns the pipe carries the delete out (drops slot and publication);
 * otherwise this command does.
 */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a pipe, its slot and publication (destination tables are kept).")
final class PipeDeleteCommand extends PipeSubcommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    int run(Catalog catalog) {
        PipeControl control = control(catalog, PipeChecks.NONE, new DefaultSourceCleanup(root().secrets()));
        Pipe p = control.get(name);
        boolean ownerAlive = control.repository().isOwnedByLiveWorker(p.id());
        ControlResult r = control.delete(name, root().actor(), ownerAlive);
        if (r.refused()) {
            throw new CliFailure(r.message());
        }
        root().out().println(r.message() + (ownerAlive && r.outcome() == ControlResult.Outcome.ACCEPTED
                ? " (its worker stops it and drops its slot)" : ""));
        return PipedeckCommand.OK;
    }
}
