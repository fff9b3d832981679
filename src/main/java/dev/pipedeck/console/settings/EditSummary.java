package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.PipeEdit;

import java.util.List;

/** The Edit dialog's words for what an edit does when the pipe resumes. */
final class EditSummary {
    private EditSummary() {}

    static String of(Pipe pipe, PipeEdit e) {
        if (e.isEmpty()) {
            return "Nothing changed yet: tick tables to add or remove, or change the batch settings.";
        }
        StringBuilder s = new StringBuilder("When the pipe resumes:");
        List<TableMapping> added = e.addTables();
        if (!added.isEmpty()) {
            s.append("\n  • ").append(join(added.stream().map(m -> m.source() + (m.destination().equals(m.source().name()) ? ""
                            : " (into " + m.destination() + ")")).toList()))
                    .append(added.size() == 1 ? " is copied in full and then streams" : " are copied in full and then stream")
                    .append(" with the rest; only the added tables are copied, the others continue from the slot where "
                            + "they paused (status Modifying while the copy runs)");
        }
        for (TableRef t : e.removeTables()) {
            String dest = pipe.tables().stream().filter(m -> m.source().equals(t)).map(TableMapping::destination).findFirst()
                    .orElse(t.name());
            s.append("\n  • ").append(t).append(" is no longer captured: it leaves the publication, and its destination table ")
                    .append(dest).append(" is kept with its rows (they no longer change)");
        }
        if (e.batchSize() != null) {
            s.append(String.format("%n  • batches close at %,d rows instead of %,d", e.batchSize(), pipe.batchSize()));
        }
        if (e.syncInterval() != null) {
            s.append("\n  • batches close after ").append(e.syncInterval().toMillis()).append(" ms instead of ")
                    .append(pipe.syncInterval().toMillis()).append(" ms");
        }
        return s.toString();
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
