package dev.pipedeck.change;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pipe's name goes into the resync advice wherever a sentence puts it, also at a sentence's start. */
class AdviceTest {
    @Test
    void thePipesNameReplacesTheStandInAlsoInACapitalisedSentence() {
        String lower = "slot gone: " + Advice.resync(null) + ".";
        assertEquals("slot gone: " + Advice.resync("orders") + ".", Advice.forPipe(lower, "orders"));
        String capital = "Slot invalidated. Resync the pipe: `pipedeck pipe resync NAME` or Resync… on its Settings tab.";
        assertEquals("Slot invalidated. Resync the pipe: `pipedeck pipe resync orders` or Resync… on its Settings tab.",
                Advice.forPipe(capital, "orders"));
        assertEquals(null, Advice.forPipe(null, "orders"));
        // the one-table form goes on after the name
        TableRef t = new TableRef("public", "items");
        assertEquals("Column changed; " + Advice.resyncTable("orders", t) + ".",
                Advice.forPipe("Column changed; " + Advice.resyncTable(null, t) + ".", "orders"));
    }
}
