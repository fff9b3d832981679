package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.ConnectionPipeChecks;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeEdit;
import dev.pipedeck.engine.DefaultConnectionChecks;
import dev.pipedeck.engine.SourceCleanup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pipe edit NAME [--add-tables s.t[:dest],..] [--remove-tables s.t,..] [--batch-size N] [--sync-interval D]}:
 * change a paused pipe; the worker applies the edit when the pipe resumes (status MODIFYING while it copies the added
 * tables).
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Change a paused pipe: add or remove tables, or change its batch size or sync interval. The worker "
                + "applies the edit when the pipe resumes: it copies only the added tables (status MODIFYING), then "
                + "streams them with the rest; removed tables leave the publication and their destination tables are kept; "
                + "the batch settings apply from the first batch after the resume.",
                "Added tables are checked like 'pipe create' (primary key or replica identity, column types, privileges)."})
final class PipeEditCommand extends PipeSubcommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--add-tables", paramLabel = "s.t1,s.t2[:name]",
            description = "Source tables to add, optionally mapped to another destination name; a name with a dot, "
                    + "comma, colon or quote goes in double quotes: \"a,b\".\"x.y\":dest.")
    String addTables;

    @Option(names = "--remove-tables", paramLabel = "s.t1,s.t2",
            description = "Tables to stop capturing (their destination tables are kept).")
    String removeTables;

    @Option(names = "--batch-size", paramLabel = "N", description = "Close a batch at N rows.")
    Integer batchSize;

    @Option(names = "--sync-interval", paramLabel = "DURATION", converter = DurationText.class,
            description = "Close a batch after this long (500ms, 1s, 2m, PT1M30S).")
    Duration syncInterval;

    private PipeEdit edit;

    @Override
    void validate() {
        if (addTables == null && removeTables == null && batchSize == null && syncInterval == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "nothing to change: give --add-tables, --remove-tables, --batch-size or --sync-interval");
        }
        if (batchSize != null && batchSize <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be positive (got " + batchSize + ")");
        }
        if (syncInterval != null && (syncInterval.isNegative() || syncInterval.isZero())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sync-interval must be positive (got " + DurationText.format(syncInterval) + ")");
        }
        List<TableMapping> add = List.of();
        List<TableRef> remove = new ArrayList<>();
        String parsing = "--add-tables";
        try {
            if (addTables != null) {
                add = TableMapping.parseList(addTables);
            }
            parsing = "--remove-tables";
            if (removeTables != null) {
                for (TableMapping m : TableMapping.parseList(removeTables)) {
                    if (!m.destination().equals(m.source().name())) {
                        throw new IllegalArgumentException("--remove-tables takes source tables only (got '"
                                + TableMapping.format(List.of(m)) + "')");
                    }
                    remove.add(m.source());
                }
            }
        } catch (IllegalArgumentException e) {
            String why = e.getMessage().replace("--tables", parsing);
            if (!why.contains(parsing)) { // e.g. "not a table name: a.b.c": say which option and how to write one
                why = parsing + ": " + why + "; give schema.table" + (parsing.equals("--add-tables") ? "[:destination_name]" : "")
                        + ", separated by commas (quote a name with a dot, comma or colon: \"a,b\".\"c\")";
            }
            throw new CommandLine.ParameterException(spec.commandLine(), why);
        }
        edit = new PipeEdit(add, remove, batchSize, syncInterval);
    }

    @Override
    int run(Catalog catalog) {
        // added tables are checked against the source and the destination like a new pipe's
        PipeChecks checks = edit.addTables().isEmpty() ? PipeChecks.NONE : new ConnectionPipeChecks(new DefaultConnectionChecks());
        ControlResult r = control(catalog, checks, SourceCleanup.NONE).edit(name, edit, root().actor());
        if (r.refused()) {
            throw new CliFailure(r.message());
        }
        root().out().println(r.message());
        return PipedeckCommand.OK;
    }
}
