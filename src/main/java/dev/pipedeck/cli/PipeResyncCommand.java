package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeControl;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pipe resync NAME [--table s.t] [--wait[=DURATION]]}: copy a paused or failed pipe afresh — new slot, full
 * copy into shadow tables, swapped in at once when complete — then stream from the new slot; or, with
 * {@code --table}, copy one table of a running or paused pipe afresh while the others keep streaming.
 */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = {"Copy a paused or failed pipe afresh: drop its slot, create a new slot and publication, copy every "
                + "table into a shadow table (<table>_resync) while the destination tables stay readable, swap the copies "
                + "in at once, then stream from the new slot. Repairs a pipe whose slot was dropped or lost or whose "
                + "publication was dropped.",
                "With --table, copy one table of a running or paused pipe afresh into its shadow table while the other "
                + "tables keep streaming; the table's changes during the copy reach the copy too, and it is swapped in "
                + "between two batches (a paused pipe does this after it resumes).",
                "With --wait, returns once the pipe runs again (with --table: once the table's copy is swapped in); give "
                + "a long enough DURATION for big tables, e.g. --wait=30m."})
final class PipeResyncCommand extends StateRequestCommand {
    @Option(names = "--table", paramLabel = "SCHEMA.TABLE", description = "Resync only this table of the pipe.")
    String table;

    private TableRef tableRef() {
        try {
            return TableRef.parse(table);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--table: '" + table
                    + "' is not a table name; give schema.table (quote a name with dots: \"a.b\".\"c\")");
        }
    }

    @Override
    void validate() {
        if (table != null) {
            tableRef();
        }
    }

    @Override
    ControlResult request(PipeControl control) {
        return table == null ? control.resync(name, root().actor()) : control.resyncTable(name, tableRef(), root().actor());
    }

    @Override
    PipeStatus target() {
        return PipeStatus.RUNNING;
    }

    @Override
    int run(Catalog catalog) {
        if (table == null) {
            return super.run(catalog);
        }
        PipeControl control = control(catalog);
        TableRef t = tableRef();
        ControlResult r = request(control);
        if (r.refused()) {
            throw new CliFailure(r.message());
        }
        root().out().println(r.message());
        if (wait == null) {
            return PipedeckCommand.OK;
        }
        Pipe p = r.pipe();
        if (p != null && p.status() == PipeStatus.PAUSED && p.desiredState() != DesiredState.RUNNING) {
            root().out().println("not waiting: pipe '" + name + "' is paused; the table is resynced after 'pipedeck pipe resume "
                    + name + "'");
            return PipedeckCommand.OK;
        }
        long id = control.get(name).id();
        StatusWait.Outcome o = new StatusWait(control.repository(), pollEvery).await(name, "the resync of table " + t,
                "has table " + t + " copied afresh and swapped in",
                now -> control.repository().resyncs().pendingTable(id).isEmpty(), wait);
        if (!o.reached()) {
            throw new CliFailure(o.message());
        }
        root().out().println(o.message());
        return PipedeckCommand.OK;
    }
}
