package dev.pipedeck.control;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.CatalogException;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeLifecycle;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.engine.SourceCleanup;
import dev.pipedeck.testing.TestCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every accepted and refused pause/resume/delete of {@link PipeControl}, against a real catalog. */
class PipeControlRulesTest {
    private static final Actor CLI = Actor.of(Actor.Kind.CLI);
    private static final Actor CONSOLE = Actor.of(Actor.Kind.CONSOLE);
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static TestCatalog db;
    private static PipeControl control;

    @BeforeAll
    static void catalog() {
        db = new TestCatalog("control_rules");
        control = db.control();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** A pipe an engine has claimed, in the given status with desired RUNNING. */
    private static Pipe claimedIn(PipeStatus status) {
        Pipe p = db.createPipe("p" + SEQ.incrementAndGet());
        db.engineSets(p, status);
        return control.get(p.name());
    }

    /**
     * The CLI's answers follow the lifecycle table in every status the catalog can hold (including the new MODIFYING
     * and RESYNCING, which migration V2 allows), with desired RUNNING and PAUSED: allowed requests are accepted,
     * "already" ones are a no-op, refused ones change nothing and name the status.
     */
    @Test
    void pauseResumeAndDeleteFollowTheLifecycleTableInEveryStatus() {
        List<String> wrong = new java.util.ArrayList<>();
        for (PipeStatus status : PipeStatus.values()) {
            for (DesiredState desired : List.of(DesiredState.RUNNING, DesiredState.PAUSED)) {
                for (PipeLifecycle.Action action : List.of(PipeLifecycle.Action.PAUSE, PipeLifecycle.Action.RESUME,
                        PipeLifecycle.Action.DELETE)) {
                    Pipe p = db.createPipe("t" + SEQ.incrementAndGet());
                    if (desired == DesiredState.PAUSED) {
                        control.pause(p.name(), CLI);
                    }
                    db.engineSets(p, status);
                    Pipe before = control.get(p.name());
                    PipeLifecycle.Verdict v = PipeLifecycle.verdict(before, action);
                    ControlResult r = switch (action) {
                        case PAUSE -> control.pause(p.name(), CLI);
                        case RESUME -> control.resume(p.name(), CLI);
                        default -> control.delete(p.name(), CLI, true);
                    };
                    ControlResult.Outcome expected = switch (v.kind()) {
                        case ALLOWED -> ControlResult.Outcome.ACCEPTED;
                        case ALREADY -> ControlResult.Outcome.NO_OP;
                        case REFUSED -> ControlResult.Outcome.REFUSED;
                    };
                    String cell = status + "/" + desired + " × " + action;
                    if (r.outcome() != expected) {
                        wrong.add(cell + ": " + r.outcome() + " (" + r.message() + "), table says " + v.kind());
                    }
                    Pipe after = control.get(p.name());
                    if (r.outcome() != ControlResult.Outcome.ACCEPTED
                            && (after.desiredState() != before.desiredState() || after.status() != before.status())) {
                        wrong.add(cell + ": a " + r.outcome() + " changed the pipe");
                    }
                    if (r.refused() && !r.message().contains("is " + status)) {
                        wrong.add(cell + ": refusal does not name the status: " + r.message());
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void pauseOfAFailedPipeMarksItPausedAtOnceSinceNothingRuns() {
        Pipe p = claimedIn(PipeStatus.FAILED);
        ControlResult r = control.pause(p.name(), CLI);
        assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
        Pipe now = control.get(p.name());
        assertEquals(DesiredState.PAUSED, now.desiredState());
        assertEquals(PipeStatus.PAUSED, now.status());
    }

    @ParameterizedTest
    @EnumSource(value = PipeStatus.class, names = {"SETUP", "SNAPSHOT", "RUNNING", "RESUMING"})
    void pauseIsAcceptedAndOnlyChangesTheDesiredStateOfAClaimedPipe(PipeStatus from) {
        Pipe p = claimedIn(from);
        ControlResult r = control.pause(p.name(), CLI);
        assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
        Pipe now = control.get(p.name());
        assertEquals(DesiredState.PAUSED, now.desiredState());
        assertEquals(from, now.status(), "the engine, not the request, moves the status of a claimed pipe");
    }

    @ParameterizedTest
    @EnumSource(value = PipeStatus.class, names = {"SETUP", "SNAPSHOT", "RUNNING", "RESUMING", "FAILED"})
    void pauseOfANeverClaimedPipeSetsPausedDirectly(PipeStatus from) {
        Pipe p = db.createPipe("u" + SEQ.incrementAndGet());
        if (from != PipeStatus.SETUP) {
            control.repository().updateStatus(p.id(), from, "set by test", TestCatalog.ENGINE);
        }
        ControlResult r = control.pause(p.name(), CLI);
        assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
        assertEquals(PipeStatus.PAUSED, control.get(p.name()).status());
    }

    @ParameterizedTest
    @EnumSource(value = PipeStatus.class, names = {"PAUSED", "PAUSING", "FAILED"})
    void resumeIsAcceptedFromPausedPausingAndFailed(PipeStatus from) {
        Pipe p = claimedIn(from);
        control.pause(p.name(), CLI);
        ControlResult r = control.resume(p.name(), CONSOLE);
        assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
        Pipe now = control.get(p.name());
        assertEquals(DesiredState.RUNNING, now.desiredState());
        // a failed pipe was marked PAUSED by the pause; the engine then carries the resume out from there
        assertEquals(from == PipeStatus.FAILED ? PipeStatus.PAUSED : from, now.status());
    }

    @Test
    void resumeOfAFailedPipeThatShouldRunIsARetry() {
        Pipe p = claimedIn(PipeStatus.FAILED);
        ControlResult r = control.resume(p.name(), CLI);
        assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome());
        assertEquals(PipeStatus.RESUMING, control.get(p.name()).status());
        assertTrue(control.repository().audit(p.name(), 1).get(0).message().startsWith("retry requested"));
    }

    @Test
    void resumeOfANeverClaimedPausedPipeGoesBackToSetup() {
        Pipe p = db.createPipe("u" + SEQ.incrementAndGet());
        control.pause(p.name(), CLI);
        assertEquals(PipeStatus.PAUSED, control.get(p.name()).status());
        assertEquals(ControlResult.Outcome.ACCEPTED, control.resume(p.name(), CLI).outcome());
        Pipe now = control.get(p.name());
        assertEquals(PipeStatus.SETUP, now.status());
        assertEquals(DesiredState.RUNNING, now.desiredState());
    }

    @Test
    void pausingAPausedPipeIsANoOpThatSaysSo() {
        Pipe p = claimedIn(PipeStatus.RUNNING);
        control.pause(p.name(), CLI);
        db.engineSets(p, PipeStatus.PAUSED);
        int auditBefore = control.repository().audit(p.name(), 100).size();
        ControlResult r = control.pause(p.name(), CLI);
        assertEquals(ControlResult.Outcome.NO_OP, r.outcome());
        assertTrue(r.message().contains("already paused"), r.message());
        assertEquals(auditBefore, control.repository().audit(p.name(), 100).size(), "a no-op writes nothing");
    }

    @Test
    void pausingAPipeThatIsStillPausingIsANoOp() {
        Pipe p = claimedIn(PipeStatus.RUNNING);
        control.pause(p.name(), CLI);
        db.engineSets(p, PipeStatus.PAUSING);
        ControlResult r = control.pause(p.name(), CLI);
        assertEquals(ControlResult.Outcome.NO_OP, r.outcome());
        assertTrue(r.message().contains("PAUSING"), r.message());
    }

    @Test
    void resumingARunningPipeIsANoOpThatSaysSo() {
        Pipe p = claimedIn(PipeStatus.RUNNING);
        ControlResult r = control.resume(p.name(), CLI);
        assertEquals(ControlResult.Outcome.NO_OP, r.outcome());
        assertTrue(r.message().contains("already running"), r.message());
        assertEquals(DesiredState.RUNNING, control.get(p.name()).desiredState());
    }

    @Test
    void pauseWithdrawsAResumeThatIsNotCarriedOutYet() {
        for (PipeStatus st : List.of(PipeStatus.PAUSED, PipeStatus.PAUSING)) {
            Pipe p = claimedIn(PipeStatus.RUNNING);
            control.pause(p.name(), CLI);
            db.engineSets(p, st);
            assertEquals(ControlResult.Outcome.ACCEPTED, control.resume(p.name(), CLI).outcome());
            ControlResult r = control.pause(p.name(), CLI);
            assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), st + ": " + r.message());
            assertEquals(DesiredState.PAUSED, control.get(p.name()).desiredState());
            assertEquals(st, control.get(p.name()).status());
        }
    }

    @Test
    void resumeWithdrawsAPauseThatIsNotCarriedOutYet() {
        Pipe p = claimedIn(PipeStatus.RUNNING);
        control.pause(p.name(), CLI);
        ControlResult r = control.resume(p.name(), CLI);
        assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome(), r.message());
        assertEquals(DesiredState.RUNNING, control.get(p.name()).desiredState());
        assertEquals(PipeStatus.RUNNING, control.get(p.name()).status());
    }

    @Test
    void pauseAndResumeAreRefusedWhileDeletingAndTheRefusalNamesTheStatus() {
        Pipe p = claimedIn(PipeStatus.RUNNING);
        ControlResult d = control.delete(p.name(), CLI, true);
        assertEquals(ControlResult.Outcome.ACCEPTED, d.outcome());
        db.engineSets(p, PipeStatus.DELETING);
        ControlResult pause = control.pause(p.name(), CLI);
        ControlResult resume = control.resume(p.name(), CLI);
        assertTrue(pause.refused());
        assertTrue(resume.refused());
        assertTrue(pause.message().contains("DELETING"), pause.message());
        assertTrue(resume.message().contains("DELETING"), resume.message());
        assertEquals(ControlResult.Outcome.NO_OP, control.delete(p.name(), CLI, true).outcome());
    }

    @Test
    void pauseIsRefusedFromDeletingEvenWhenDeleteWasNotRequested() {
        Pipe p = claimedIn(PipeStatus.DELETING);
        ControlResult r = control.pause(p.name(), CLI);
        assertTrue(r.refused());
        assertTrue(r.message().contains("is DELETING"), r.message());
        assertEquals(DesiredState.RUNNING, control.get(p.name()).desiredState(), "a refusal changes nothing");
    }

    @Test
    void aRequestBasedOnAStaleReadIsRefusedNotApplied() {
        Pipe p = claimedIn(PipeStatus.RUNNING);
        Pipe stale = control.get(p.name());
        db.engineSets(p, PipeStatus.FAILED);
        assertFalse(control.repository().requestState(stale, DesiredState.PAUSED, null, CLI, "pause", "m"));
        assertEquals(DesiredState.RUNNING, control.get(p.name()).desiredState());
    }

    @Test
    void deleteWithoutALiveOwnerRemovesThePipeAndKeepsItsAuditTrail() {
        Pipe p = claimedIn(PipeStatus.PAUSED);
        List<Pipe> cleaned = new java.util.ArrayList<>();
        PipeControl withCleanup = new PipeControl(db.catalog(), db.secrets(), PipeChecks.NONE, cleaned::add);
        control.repository().markSlotCreated(p.id(), 100);
        ControlResult r = withCleanup.delete(p.name(), CLI, false);
        assertEquals(ControlResult.Outcome.ACCEPTED, r.outcome());
        assertTrue(control.repository().find(p.name()).isEmpty());
        assertEquals(List.of(p.name()), cleaned.stream().map(Pipe::name).toList(), "slot and publication dropped");
        AuditEvent last = control.repository().audit(p.name(), 1).get(0);
        assertEquals("delete", last.action());
        assertEquals(Actor.Kind.CLI, last.actor().kind());
    }

    @Test
    void auditTrailRecordsWhoWhatAndWhen() {
        Instant before = Instant.now().minusSeconds(5);
        Pipe p = claimedIn(PipeStatus.RUNNING);
        control.pause(p.name(), CLI);
        control.resume(p.name(), CONSOLE);
        List<AuditEvent> events = control.repository().audit(p.name(), 10);
        AuditEvent resume = events.get(0);
        AuditEvent pause = events.get(1);
        assertEquals("resume", resume.action());
        assertEquals(Actor.Kind.CONSOLE, resume.actor().kind());
        assertEquals("pause", pause.action());
        assertEquals(Actor.Kind.CLI, pause.actor().kind());
        assertEquals(System.getProperty("user.name"), pause.actor().user());
        assertFalse(pause.actor().host() == null || pause.actor().host().isBlank());
        assertEquals("RUNNING", pause.fromState());
        assertTrue(pause.message().contains("pause requested by"), pause.message());
        assertTrue(pause.at().isAfter(before) && !pause.at().isAfter(resume.at()), "times in order");
        assertTrue(events.stream().anyMatch(e -> e.action().equals("status") && e.actor().kind() == Actor.Kind.ENGINE
                && "RUNNING".equals(e.toState())), "engine status changes are audited too");
        assertTrue(events.stream().anyMatch(e -> e.action().equals("create")));
    }

    @Test
    void unknownNameSuggestsNearNames() {
        db.createPipe("orders-to-clickhouse");
        UnknownPipeException e = assertThrows(UnknownPipeException.class, () -> control.pause("orders-to-clickhous", CLI));
        assertTrue(e.getMessage().contains("did you mean 'orders-to-clickhouse'"), e.getMessage());
        UnknownPipeException far = assertThrows(UnknownPipeException.class, () -> control.get("zzzzzzzzzzzzzzzzzzzzzz"));
        assertFalse(far.getMessage().contains("did you mean"), far.getMessage());
    }

    @Test
    void createRefusesDuplicatesBadNamesAndFailedChecksWithoutWritingAnything() {
        Pipe p = db.createPipe("dup" + SEQ.incrementAndGet());
        CatalogException dup = assertThrows(CatalogException.class, () -> db.createPipe(p.name()));
        assertTrue(dup.getMessage().contains("already exists"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> db.createPipe("-bad name"));
        PipeControl failing = new PipeControl(db.catalog(), db.secrets(), spec -> List.of("wal_level is replica: set it to logical"),
                SourceCleanup.NONE);
        int before = control.list().size();
        PipeChecksFailedException e = assertThrows(PipeChecksFailedException.class, () -> failing.create(new PipeSpec("checked",
                "jdbc:postgresql://h:5432/db", "duckdb:/tmp/x.duckdb", TableMapping.parseList("public.t"), 10, Duration.ofSeconds(1), 1),
                CLI));
        assertTrue(e.getMessage().contains("wal_level"));
        assertEquals(before, control.list().size(), "nothing half-written");
        assertTrue(control.repository().audit("checked", 10).isEmpty());
    }

    @Test
    void slotNamesAreValidAndDistinct() {
        String a = PipeControl.slotName("Shop-Demo.v2");
        String b = PipeControl.slotName("shop_demo_v2");
        assertTrue(a.matches("[a-z0-9_]{1,63}"), a);
        assertTrue(PipeControl.slotName("x".repeat(63)).length() <= 63);
        assertFalse(a.equals(b));
    }
}
