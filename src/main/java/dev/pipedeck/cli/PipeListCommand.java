package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Json;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.PauseGuardRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SlotSampleRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code pipe list [--json]}: every pipe, as an aligned table or a JSON array. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List pipes with their status.")
final class PipeListCommand extends PipeSubcommand {
    private static final String[] HEADER = {"NAME", "STATUS", "DESIRED", "ROWS SYNCED", "CONSISTENT AS OF", "SLOT RETAINED", "SOURCE", "DESTINATION"};

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    int run(Catalog catalog) {
        List<Pipe> pipes = control(catalog).list();
        MetricsRepository metrics = new MetricsRepository(catalog.dataSource());
        Map<Long, SlotSampleRow> samples = metrics.latestSlotSamples();
        // the JSON of each pipe is the same object as its `pipe status --json`
        PauseGuardRepository guards = new PauseGuardRepository(catalog.dataSource());
        List<PipeView> views = pipes.stream().map(p -> new PipeView(p, samples.get(p.id()),
                json ? guards.find(p.id()).orElse(null) : null, json ? initialLoad(metrics, p) : null)).toList();
        if (json) {
            root().out().println(Json.pretty(views.stream().map(PipeView::toJson).toList()));
            return PipedeckCommand.OK;
        }
        if (views.isEmpty()) {
            root().out().println("no pipes yet (create one with 'pipedeck pipe create')");
            return PipedeckCommand.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PipeView v : views) {
            Pipe p = v.pipe();
            rows.add(new String[] {p.name(), p.status().name(), p.desiredState().name(), String.format("%,d", p.rowsSynced()),
                    v.consistentAsOfText(), v.retainedText(), v.source(), v.destination()});
        }
        TextTable.print(root().out(), rows);
        return PipedeckCommand.OK;
    }
}
