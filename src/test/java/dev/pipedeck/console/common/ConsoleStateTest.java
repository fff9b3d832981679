package dev.pipedeck.console.common;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleStateTest {
    @Test
    void refreshResultsAreAppliedAndStamped() {
        ConsoleState s = new ConsoleState(ZoneOffset.UTC);
        assertEquals("Not updated yet", s.updatedTextProperty().get());
        ConsoleData d = Fixtures.data(Fixtures.pipe("shop", PipeStatus.RUNNING), null, List.of());
        s.applyData(d);
        assertSame(d, s.data());
        assertEquals("Updated 10:00:00", s.updatedTextProperty().get());
    }

    @Test
    void failureShowsBannerKeepsDataAndRecovers() {
        ConsoleState s = new ConsoleState(ZoneOffset.UTC);
        ConsoleData d = Fixtures.data(Fixtures.pipe("shop", PipeStatus.RUNNING), null, List.of());
        s.applyData(d);
        s.applyFailure(new RuntimeException("could not list pipes: the catalog database is unreachable"));
        assertTrue(s.catalogUnreachableProperty().get());
        assertEquals("Catalog unreachable — retrying (could not list pipes: the catalog database is unreachable)", s.bannerTextProperty().get());
        assertSame(d, s.data(), "last data stays on screen");
        assertEquals("Updated 10:00:00", s.updatedTextProperty().get());
        s.applyData(d);
        assertFalse(s.catalogUnreachableProperty().get());
        assertEquals("", s.bannerTextProperty().get());
    }

    @Test
    void aReadThatStartedBeforeARequestDoesNotUndoItsAnswer() {
        ConsoleState s = new ConsoleState(ZoneOffset.UTC);
        var running = Fixtures.pipe(1, "shop", PipeStatus.RUNNING, dev.pipedeck.catalog.DesiredState.RUNNING);
        var asked = Fixtures.pipe(1, "shop", PipeStatus.RUNNING, dev.pipedeck.catalog.DesiredState.PAUSED);
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        s.applyData(new ConsoleData(before, List.of(running), java.util.Map.of(), null));
        s.replacePipe(asked);
        s.applyData(new ConsoleData(before, List.of(running), java.util.Map.of(), null));
        assertEquals(PipeStatus.PAUSING, ShownStatus.of(s.data().pipes().get(0)), "stale read keeps the answer");
        s.applyData(new ConsoleData(java.time.Instant.now().plusSeconds(1), List.of(running), java.util.Map.of(), null));
        assertEquals(PipeStatus.RUNNING, ShownStatus.of(s.data().pipes().get(0)), "a later read wins");
    }

    @Test
    void refreshPeriodDefaultsToFiveSeconds() {
        assertEquals(Duration.ofSeconds(5), RefreshService.DEFAULT_PERIOD);
        try (RefreshService r = new RefreshService(new dev.pipedeck.console.FakeBackend(), () -> null, x -> { }, x -> { })) {
            assertEquals(5_000, r.getPeriod().toMillis(), 0.1);
            assertSame(javafx.concurrent.ScheduledService.EXPONENTIAL_BACKOFF_STRATEGY, r.getBackoffStrategy());
        }
    }

    @Test
    void bytesForPeople() {
        assertEquals("0 B", Bytes.human(0));
        assertEquals("1023 B", Bytes.human(1023));
        assertEquals("1.0 KB", Bytes.human(1024));
        assertEquals("340 MB", Bytes.human(340L * 1024 * 1024));
        assertEquals("1.5 GB", Bytes.human(1536L * 1024 * 1024));
        assertEquals("unknown", Bytes.human((Long) null));
    }

    @Test
    void shownStatusReflectsPendingRequests() {
        assertEquals(PipeStatus.PAUSING, ShownStatus.of(Fixtures.pipe(1, "a", PipeStatus.RUNNING, dev.pipedeck.catalog.DesiredState.PAUSED)));
        assertEquals(PipeStatus.RESUMING, ShownStatus.of(Fixtures.pipe(1, "a", PipeStatus.PAUSED, dev.pipedeck.catalog.DesiredState.RUNNING)));
        assertEquals(PipeStatus.PAUSED, ShownStatus.of(Fixtures.pipe("a", PipeStatus.PAUSED)));
        assertEquals(PipeStatus.FAILED, ShownStatus.of(Fixtures.pipe("a", PipeStatus.FAILED)));
    }

    @Test
    void destinationNeverShowsAPassword() {
        var p = Fixtures.pipe("a", PipeStatus.RUNNING);
        var withSecret = new dev.pipedeck.catalog.Pipe(p.id(), p.name(), p.sourceUrl(), p.sourceUser(), p.sourcePasswordEnc(),
                "clickhouse://u:hunter2@ch:8123/db", null, p.tables(), p.batchSize(), p.syncInterval(), p.snapshotParallelism(),
                p.slotName(), p.publicationName(), p.desiredState(), p.status(), null, p.statusChangedAt(), null, null, true, true,
                0, null, null, 0, null, null, null, true, p.createdAt(), null);
        assertEquals("ClickHouse ch:8123/db", PipeDisplay.destination(withSecret));
        assertEquals("DuckDB /tmp/x.duckdb", PipeDisplay.destination(new dev.pipedeck.catalog.Pipe(p.id(), p.name(), p.sourceUrl(), null, null,
                "duckdb:/tmp/x.duckdb", null, p.tables(), 1, p.syncInterval(), 1, "s", "s", p.desiredState(), p.status(), null,
                p.statusChangedAt(), null, null, true, true, 0, null, null, 0, null, null, null, true, p.createdAt(), null)));
    }
}
