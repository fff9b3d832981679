package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.console.common.ConsoleBackend.PendingTableWork;

import java.util.ArrayList;
import java.util.List;

/** Settings' line on what a pipe still has to do for single tables: copy tables an edit added, resync one table. */
final class PendingText {
    private PendingText() {}

    static String of(PendingTableWork work, PipeStatus shown) {
        if (work == null || work.isEmpty() || shown == null) {
            return "";
        }
        boolean waiting = shown == PipeStatus.PAUSED || shown == PipeStatus.PAUSING;
        List<String> lines = new ArrayList<>();
        if (!work.tableCopies().isEmpty()) {
            String tables = String.join(", ", work.tableCopies().stream().map(PendingText::table).toList());
            lines.add(waiting ? "Tables added by an edit, copied when the pipe resumes: " + tables + "."
                    : shown == PipeStatus.FAILED ? "Tables added by an edit, still to be copied: " + tables
                    + " (copied when the pipe runs again)."
                    : "Copying the tables added by an edit: " + tables + " (they stream with the rest once copied).");
        }
        work.tableResync().ifPresent(t -> lines.add(waiting ? "Resync of table " + t + " pending: it runs when the pipe resumes."
                : shown == PipeStatus.FAILED ? "Resync of table " + t + " pending: it runs when the pipe runs again."
                : "Resync of table " + t + " under way: copied afresh while the other tables keep streaming."));
        return String.join("\n", lines);
    }

    private static String table(TableMapping m) {
        return m.destination().equals(m.source().name()) ? m.source().toString() : m.source() + " → " + m.destination();
    }
}
