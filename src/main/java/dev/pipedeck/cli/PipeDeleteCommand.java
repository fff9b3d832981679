package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Optional;

/**
 * {@code pipe delete NAME}: a live worker that owns the pipe carries the delete out (drops slot and publication);
 * otherwise this command does, with the engine's source cleanup when the build has it.
 */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a pipe, its slot and publication (destination tables are kept).")
final class PipeDeleteCommand extends PipeSubcommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    int run(Catalog catalog) {
        Optional<PipeControl.SourceCleanup> cleanup = OptionalEngineParts.sourceCleanup(root().secrets());
        PipeControl control = control(catalog, PipeChecks.NONE, cleanup.orElse(PipeControl.SourceCleanup.NONE));
        Pipe p = control.get(name);
        boolean ownerAlive = control.repository().isOwnedByLiveWorker(p.id());
        if (!ownerAlive && p.slotCreated() && cleanup.isEmpty()) {
            root().warn("this build cannot reach the source to drop slot '" + p.slotName() + "' and publication '"
                    + p.publicationName() + "'; drop them there: SELECT pg_drop_replication_slot('" + p.slotName()
                    + "'); DROP PUBLICATION " + p.publicationName() + ";");
        }
        ControlResult r = control.delete(name, root().actor(), ownerAlive);
        if (r.refused()) {
            throw new CliFailure(r.message());
        }
        root().out().println(r.message() + (ownerAlive && r.outcome() == ControlResult.Outcome.ACCEPTED
                ? " (its worker stops it and drops its slot)" : ""));
        return PipedeckCommand.OK;
    }
}
