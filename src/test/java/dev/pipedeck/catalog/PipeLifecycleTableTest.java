package dev.pipedeck.catalog;

import dev.pipedeck.catalog.PipeLifecycle.Action;
import dev.pipedeck.catalog.PipeLifecycle.Step;
import dev.pipedeck.catalog.PipeLifecycle.Verdict.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle table, every status × every action, written out by hand: a change to the table has to be made here
 * too, on purpose. (A = allowed, = = already done, a no-op; x = refused.)
 */
class PipeLifecycleTableTest {
    //                                             PAUSE RESUME EDIT RESYNC RESYNC_TABLE DELETE
    private static final Map<PipeStatus, String> TABLE = new EnumMap<>(Map.of(
            PipeStatus.SETUP,     "A=xxxA",
            PipeStatus.SNAPSHOT,  "A=xxxA",
            PipeStatus.RUNNING,   "A=xxAA",
            PipeStatus.PAUSING,   "=AxxxA",
            PipeStatus.PAUSED,    "=AAAAA",
            PipeStatus.RESUMING,  "A=xxxA",
            PipeStatus.MODIFYING, "A=xxxA",
            PipeStatus.RESYNCING, "x=x==A",
            PipeStatus.FAILED,    "AAxAxA",
            PipeStatus.DELETING,  "xxxxx="));

    @Test
    void everyStatusTimesEveryActionIsAsWritten() {
        assertEquals(PipeStatus.values().length, TABLE.size(), "every status has a row");
        List<String> wrong = new ArrayList<>();
        for (PipeStatus s : PipeStatus.values()) {
            String row = TABLE.get(s);
            assertEquals(Action.values().length, row.length(), s + ": one column per action");
            for (Action a : Action.values()) {
                Kind expected = switch (row.charAt(a.ordinal())) {
                    case 'A' -> Kind.ALLOWED;
                    case '=' -> Kind.ALREADY;
                    case 'x' -> Kind.REFUSED;
                    default -> throw new AssertionError(row);
                };
                PipeLifecycle.Verdict v = PipeLifecycle.verdict(s, a);
                if (v.kind() != expected) {
                    wrong.add(s + " × " + a + ": " + v.kind() + ", expected " + expected);
                }
                if (v.allowed()) {
                    assertNull(v.sentence(), s + " × " + a);
                } else {
                    String sentence = v.sentence();
                    assertTrue(Character.isUpperCase(sentence.charAt(0)) && sentence.endsWith("."), sentence);
                    assertFalse(sentence.contains("Exception") || sentence.contains("null"), sentence);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void refusalsSayWhatToDo() {
        assertEquals("Pause the pipe first: tables and sync settings are changed while it is paused.",
                PipeLifecycle.verdict(PipeStatus.RUNNING, Action.EDIT).sentence());
        assertEquals("The pipe is being deleted.", PipeLifecycle.verdict(PipeStatus.DELETING, Action.PAUSE).sentence());
        assertEquals("The pipe is already paused.", PipeLifecycle.verdict(PipeStatus.PAUSED, Action.PAUSE).sentence());
    }

    /** Shown status for every status × desired state: a pending request shows as where it leads. */
    @Test
    void shownStatusForEveryStatusAndDesiredState() {
        for (PipeStatus s : PipeStatus.values()) {
            for (DesiredState d : DesiredState.values()) {
                PipeStatus expected;
                if (d == DesiredState.DELETED || s == PipeStatus.DELETING) {
                    expected = PipeStatus.DELETING;
                } else if (d == DesiredState.PAUSED) {
                    expected = s == PipeStatus.PAUSED || s == PipeStatus.FAILED ? s : PipeStatus.PAUSING;
                } else {
                    expected = s == PipeStatus.PAUSED || s == PipeStatus.PAUSING ? PipeStatus.RESUMING : s;
                }
                assertEquals(expected, PipeLifecycle.shown(s, d), s + " / desired " + d);
            }
        }
        // spot checks in words, so the rule above is not just restated
        assertEquals(PipeStatus.PAUSING, PipeLifecycle.shown(PipeStatus.RUNNING, DesiredState.PAUSED));
        assertEquals(PipeStatus.RESUMING, PipeLifecycle.shown(PipeStatus.PAUSED, DesiredState.RUNNING));
        assertEquals(PipeStatus.FAILED, PipeLifecycle.shown(PipeStatus.FAILED, DesiredState.PAUSED));
    }

    @Test
    void engineStepForEveryStatusAndDesiredState() {
        for (PipeStatus s : PipeStatus.values()) {
            assertEquals(Step.DELETE, PipeLifecycle.engineStep(s, DesiredState.DELETED), s.name());
            Step paused = PipeLifecycle.engineStep(s, DesiredState.PAUSED);
            Step running = PipeLifecycle.engineStep(s, DesiredState.RUNNING);
            if (s == PipeStatus.FAILED) {
                assertEquals(Step.HOLD, paused);
                assertEquals(Step.HOLD, running, "a failed pipe waits for a request");
            } else {
                assertEquals(Step.PAUSE, paused, s.name());
                assertEquals(Step.RUN, running, s.name());
            }
        }
    }

    /** The console's buttons and the CLI must never disagree: a request the table allows is one the console offers. */
    @Test
    void pauseAndResumeFromFailedAndResumingAreAllowed() {
        assertTrue(PipeLifecycle.verdict(PipeStatus.FAILED, Action.PAUSE).allowed());
        assertTrue(PipeLifecycle.verdict(PipeStatus.RESUMING, Action.PAUSE).allowed());
        assertTrue(PipeLifecycle.verdict(PipeStatus.FAILED, Action.RESUME).allowed());
    }
}
