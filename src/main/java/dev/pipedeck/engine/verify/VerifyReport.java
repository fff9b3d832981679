package dev.pipedeck.engine.verify;

import java.util.List;

/**
 * The outcome of {@code pipe verify}.
 *
 * @param note what the comparison was as of, and anything that limits it (a paused pipe with changes not yet applied)
 */
public record VerifyReport(String pipe, List<TableVerdict> tables, String note) {
    public boolean matches() {
        return tables.stream().allMatch(TableVerdict::matches);
    }
}
