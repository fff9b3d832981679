package dev.pipedeck.console.common;

import dev.pipedeck.change.TableRef;

/**
 * What the Resync… dialog offers and answers: the whole pipe ({@code table} null) or one of its tables.
 *
 * @param label as the choice reads, e.g. {@code public.orders → orders}
 */
public record ResyncChoice(TableRef table, String label) {
    public static ResyncChoice wholePipe() {
        return new ResyncChoice(null, "the whole pipe");
    }

    public boolean isWholePipe() {
        return table == null;
    }
}
