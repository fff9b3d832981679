package dev.pipedeck.cli;

import dev.pipedeck.catalog.Json;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeLifecycle;
import dev.pipedeck.catalog.PipeStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pipe history}, and the CLI's answers following the lifecycle table, against a real catalog. */
class PipeLifecycleCommandsTest extends CatalogCliTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @Test
    void historyListsWhoWhenFromWhereAndTheChangeNewestFirst() {
        Pipe p = db.createPipe("hist-" + SEQ.incrementAndGet());
        db.engineSets(p, PipeStatus.RUNNING);
        assertEquals(0, run("pipe", "pause", p.name()).code());
        CliRun h = run("pipe", "history", p.name());
        assertEquals(0, h.code(), h.toString());
        List<String> lines = h.out().lines().toList();
        assertTrue(lines.get(0).startsWith("WHEN") && lines.get(0).contains("WHO") && lines.get(0).contains("FROM")
                && lines.get(0).contains("STATUS") && lines.get(0).contains("MESSAGE"), lines.get(0));
        assertTrue(lines.get(1).contains(" cli ") && lines.get(1).contains(" pause ") && lines.get(1).contains("RUNNING -> PAUSING"),
                lines.get(1));
        assertTrue(lines.get(1).contains(System.getProperty("user.name") + "@"), lines.get(1));
        assertTrue(lines.get(2).contains(" engine ") && lines.get(2).contains("SETUP -> RUNNING"), lines.get(2));
        assertTrue(lines.get(lines.size() - 1).contains(" create ") && lines.get(lines.size() - 1).contains("- -> SETUP"),
                lines.get(lines.size() - 1));

        CliRun json = run("pipe", "history", p.name(), "--json");
        assertEquals(0, json.code(), json.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) Json.parse(json.out());
        assertEquals(lines.size() - 1, events.size());
        Map<String, Object> newest = events.get(0);
        assertEquals("pause", newest.get("action"));
        assertEquals("cli", newest.get("from"));
        assertEquals("RUNNING", newest.get("fromStatus"));
        assertEquals("PAUSING", newest.get("toStatus"));
        assertEquals(System.getProperty("user.name"), newest.get("user"));
        assertTrue(((String) newest.get("message")).startsWith("pause requested by"), newest.toString());
        assertTrue(((String) newest.get("at")).compareTo((String) events.get(1).get("at")) >= 0, "newest first");

        CliRun limited = run("pipe", "history", p.name(), "--limit", "1", "--json");
        assertEquals(1, ((List<?>) Json.parse(limited.out())).size());
    }

    @Test
    void aDeletedPipeKeepsItsHistoryAndAnUnknownOneSuggestsNames() {
        Pipe p = db.createPipe("gone-" + SEQ.incrementAndGet());
        CliRun del = run("pipe", "delete", p.name());
        assertEquals(0, del.code(), del.toString());
        CliRun h = run("pipe", "history", p.name());
        assertEquals(0, h.code(), h.toString());
        assertTrue(h.out().lines().skip(1).findFirst().orElseThrow().contains(" delete "), h.out());

        Pipe kept = db.createPipe("kept-history-" + SEQ.incrementAndGet());
        CliRun unknown = run("pipe", "history", kept.name() + "x");
        assertEquals(1, unknown.code(), unknown.toString());
        assertTrue(unknown.err().startsWith("pipedeck: ") && unknown.err().contains("did you mean '" + kept.name() + "'"),
                unknown.err());
        CliRun bad = run("pipe", "history", p.name(), "--limit", "0");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("--limit must be positive"), bad.err());
    }

    /** The CLI used to pause pipes the console would not (FAILED, RESUMING); both now follow the lifecycle table. */
    @Test
    void pauseAndResumeAnswerAsTheLifecycleTableSays() {
        Pipe failed = db.createPipe("failed-" + SEQ.incrementAndGet());
        db.engineSets(failed, PipeStatus.FAILED);
        CliRun pause = run("pipe", "pause", failed.name());
        assertEquals(0, pause.code(), pause.toString());
        assertEquals(PipeStatus.PAUSED, db.control().get(failed.name()).status());

        Pipe modifying = db.createPipe("mod-" + SEQ.incrementAndGet());
        db.engineSets(modifying, PipeStatus.MODIFYING);
        CliRun noop = run("pipe", "resume", modifying.name());
        assertEquals(0, noop.code(), noop.toString());
        assertTrue(noop.out().contains("already resuming"), noop.out());
        CliRun paused = run("pipe", "pause", modifying.name()); // stops the copy of the added tables; it starts over later
        assertEquals(0, paused.code(), paused.toString());
        assertEquals(PipeStatus.PAUSING, PipeLifecycle.shown(db.control().get(modifying.name())));
    }

    @Test
    void editChangesBatchSettingsOfAPausedPipeOnly() {
        Pipe p = db.createPipe("edit-" + SEQ.incrementAndGet());
        db.engineSets(p, PipeStatus.RUNNING);
        CliRun running = run("pipe", "edit", p.name(), "--batch-size", "500");
        assertEquals(1, running.code(), running.toString());
        assertTrue(running.err().contains("is RUNNING: pause the pipe first"),
                running.err());
        db.engineSets(p, PipeStatus.PAUSED);
        db.control().pause(p.name(), dev.pipedeck.catalog.Actor.of(dev.pipedeck.catalog.Actor.Kind.TEST));
        CliRun ok = run("pipe", "edit", p.name(), "--batch-size", "500", "--sync-interval", "2s");
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().contains("batch size 1,000 -> 500 rows") && ok.out().contains("sync interval 1000 ms -> 2000 ms"), ok.out());
        Pipe now = db.control().get(p.name());
        assertEquals(500, now.batchSize());
        assertEquals(java.time.Duration.ofSeconds(2), now.syncInterval());
        CliRun same = run("pipe", "edit", p.name(), "--batch-size", "500");
        assertEquals(0, same.code(), same.toString());
        assertTrue(same.out().contains("already has batch size 500"), same.out());
        assertTrue(run("pipe", "history", p.name()).out().lines().skip(1).findFirst().orElseThrow().contains(" edit "));

        assertEquals(2, run("pipe", "edit", p.name()).code(), "nothing to change is a usage error");
        CliRun zero = run("pipe", "edit", p.name(), "--batch-size", "0");
        assertEquals(2, zero.code(), zero.toString());
        assertTrue(zero.err().contains("--batch-size must be positive"), zero.err());
    }

    @Test
    void helpListsTheHistoryCommand() {
        CliRun help = run("pipe", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("history") && help.out().contains("edit"), help.out());
    }
}
