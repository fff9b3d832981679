package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Json;
import dev.pipedeck.catalog.Pipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pipe status NAME [--json]}. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show one pipe: status, progress, consistency point, slot.")
final class PipeStatusCommand extends PipeSubcommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    int run(Catalog catalog) {
        Pipe p = control(catalog).get(name);
        PipeView v = view(catalog, p);
        if (json) {
            root().out().println(Json.pretty(v.toJson()));
        } else {
            TextTable.printPairs(root().out(), v.statusLines());
        }
        return PipedeckCommand.OK;
    }
}
