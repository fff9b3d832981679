package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.console.common.ShownStatus;

/** The WAL-budget forecast as Settings shows it while a pipe is paused. */
final class PauseForecast {
    private PauseForecast() {}

    static String whilePaused(Pipe p, SlotSampleRow sample) {
        if (p == null || sample == null || !sample.slotExists()) {
            return "";
        }
        PipeStatus s = ShownStatus.of(p);
        if (s != PipeStatus.PAUSED && s != PipeStatus.PAUSING) {
            return "";
        }
        return "⚠ WAL budget: " + sample.forecast().text() + ".";
    }
}
