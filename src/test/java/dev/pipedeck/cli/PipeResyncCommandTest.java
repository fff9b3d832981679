package dev.pipedeck.cli;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pipe resync NAME}: follows the lifecycle table (PAUSED and FAILED only), against a real catalog. */
class PipeResyncCommandTest extends CatalogCliTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @Test
    void aRunningPipeIsRefusedAFailedOneIsResyncedAndASecondAskIsANoOp() {
        Pipe p = db.createPipe("rs-" + SEQ.incrementAndGet());
        db.engineSets(p, PipeStatus.RUNNING);
        CliRun running = run("pipe", "resync", p.name());
        assertEquals(1, running.code(), running.toString());
        assertEquals("pipedeck: pipe '" + p.name() + "' is RUNNING: pause the pipe first: a resync replaces every table "
                + "with a fresh copy", running.err().strip());
        assertEquals(PipeStatus.RUNNING, db.control().get(p.name()).status());

        db.engineSets(p, PipeStatus.FAILED);
        CliRun ok = run("pipe", "resync", p.name());
        assertEquals(0, ok.code(), ok.toString());
        assertEquals("resync requested for pipe '" + p.name() + "'", ok.out().strip());
        Pipe now = db.control().get(p.name());
        assertEquals(PipeStatus.RESYNCING, now.status());
        assertEquals(DesiredState.RUNNING, now.desiredState());
        assertTrue(db.control().repository().resyncs().pending(now.id()));
        String last = run("pipe", "history", p.name()).out().lines().skip(1).findFirst().orElseThrow();
        assertTrue(last.contains(" resync ") && last.contains("FAILED -> RESYNCING"), last);

        CliRun again = run("pipe", "resync", p.name());
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("already being resynced"), again.out());

        CliRun unknown = run("pipe", "resync", p.name() + "x");
        assertEquals(1, unknown.code(), unknown.toString());
        assertEquals(2, run("pipe", "resync").code(), "a missing name is a usage error");
    }

    @Test
    void helpListsResync() {
        CliRun help = run("pipe", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("resync"), help.out());
        CliRun own = run("pipe", "resync", "--help");
        assertEquals(0, own.code());
        assertTrue(own.out().contains("shadow table") && own.out().contains("--wait"), own.out());
    }
}
