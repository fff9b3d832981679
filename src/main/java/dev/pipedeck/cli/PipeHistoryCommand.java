package dev.pipedeck.cli;

import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pipe history NAME [--json] [--limit N]}: the pipe's audit trail, newest first — who, when, from where (console,
 * CLI, engine), the status change and the message. A deleted pipe keeps its history.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show a pipe's history, newest first: who, when, from where (console, cli, engine), status change, message.")
final class PipeHistoryCommand extends PipeSubcommand {
    private static final String[] HEADER = {"WHEN", "WHO", "FROM", "ACTION", "STATUS", "MESSAGE"};

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N events (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    void validate() {
        if (limit <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be positive (got " + limit + ")");
        }
    }

    @Override
    int run(Catalog catalog) {
        List<AuditEvent> events = control(catalog).history(name, limit);
        if (json) {
            root().out().println(Json.pretty(events.stream().map(PipeHistoryCommand::toJson).toList()));
            return PipedeckCommand.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (AuditEvent e : events) {
            rows.add(new String[] {e.at().toString(), e.actor().user() + "@" + e.actor().host(),
                    e.actor().kind().name().toLowerCase(), e.action(), change(e), e.message() == null ? "" : e.message()});
        }
        TextTable.print(root().out(), rows);
        return PipedeckCommand.OK;
    }

    private static String change(AuditEvent e) {
        if (e.fromState() == null && e.toState() == null) {
            return "";
        }
        if (e.fromState() != null && e.fromState().equals(e.toState())) {
            return e.fromState();
        }
        return (e.fromState() == null ? "-" : e.fromState()) + " -> " + (e.toState() == null ? "gone" : e.toState());
    }

    private static Map<String, Object> toJson(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at().toString());
        m.put("user", e.actor().user());
        m.put("host", e.actor().host());
        m.put("from", e.actor().kind().name().toLowerCase());
        m.put("action", e.action());
        m.put("fromStatus", e.fromState());
        m.put("toStatus", e.toState());
        m.put("message", e.message());
        return m;
    }
}
