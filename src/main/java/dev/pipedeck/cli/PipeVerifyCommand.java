package dev.pipedeck.cli;

import dev.pipedeck.engine.SourceCleanup;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Json;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.engine.verify.PipeVerifier;
import dev.pipedeck.engine.verify.TableVerdict;
import dev.pipedeck.engine.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code pipe verify NAME [--table s.t] [--json]}: exit 0 only when every row matches. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compare the source with the deduplicated destination row by row; exit 0 only when all match.")
final class PipeVerifyCommand extends PipeSubcommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE", description = "Verify this source table only.")
    String table;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    private TableRef only;

    @Override
    void validate() {
        if (table != null) {
            try {
                only = TableRef.parse(table);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--table must be schema.table (e.g. public.orders), not '" + table + "'");
            }
        }
    }

    @Override
    int run(Catalog catalog) {
        PipeControl control = control(catalog, PipeChecks.NONE, SourceCleanup.NONE);
        Pipe p = control.get(name);
        VerifyReport r = new PipeVerifier(control.credentials()).verify(p, only, step -> root().err().println("verify: " + step));
        if (json) {
            root().out().println(Json.pretty(toJson(r)));
        } else {
            root().out().println("pipe " + r.pipe() + ": " + r.note());
            for (TableVerdict t : r.tables()) {
                root().out().println("  " + t.text());
            }
            root().out().println(r.matches() ? "all rows match" : "the destination differs from the source");
        }
        return r.matches() ? PipedeckCommand.OK : PipedeckCommand.FAILED;
    }

    static Map<String, Object> toJson(VerifyReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pipe", r.pipe());
        m.put("matches", r.matches());
        m.put("note", r.note());
        List<Object> tables = new ArrayList<>();
        for (TableVerdict t : r.tables()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("source", t.sourceTable());
            o.put("destination", t.destinationTable());
            o.put("compared", t.compared());
            o.put("lost", t.lost());
            o.put("extra", t.extra());
            o.put("differing", t.differing());
            o.put("lostKeys", t.lostKeys());
            o.put("extraKeys", t.extraKeys());
            o.put("differingKeys", t.differingKeys());
            o.put("notCompared", t.notCompared());
            tables.add(o);
        }
        m.put("tables", tables);
        return m;
    }
}
