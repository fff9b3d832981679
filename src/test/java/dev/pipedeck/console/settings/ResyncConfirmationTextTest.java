package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The words of the Resync… confirmation: what happens, and how long the last copy took when known. */
class ResyncConfirmationTextTest {
    @Test
    void namesTheSlotTheShadowTablesTheSwapAndTheLastCopyTime() {
        Pipe p = Fixtures.pipe("shop-demo", PipeStatus.PAUSED);
        ConfirmationText t = ConfirmationText.resync(p, Duration.ofMillis(83_400));
        assertEquals("Resync pipe shop-demo?", t.header());
        assertEquals("Resync", t.okButton());
        assertEquals("Cancel", t.cancelButton());
        assertTrue(t.content().contains("replication slot " + p.slotName() + " is dropped"), t.content());
        assertTrue(t.content().contains("publication " + p.publicationName() + " is created again"), t.content());
        for (var m : p.tables()) {
            assertTrue(t.content().contains(m.destination() + "_resync"), t.content());
        }
        assertTrue(t.content().contains("replace the old tables at once"), t.content());
        assertTrue(t.content().contains("The last full copy of this pipe took 83 seconds."), t.content());
        assertTrue(ConfirmationText.resync(p, Duration.ofMinutes(5)).content().contains("took 5 minutes."));
        assertTrue(ConfirmationText.resync(p, null).content().contains("How long the copy takes is not known yet"));
    }
}
