package dev.pipedeck.console.common;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;

import static dev.pipedeck.console.Fixtures.MB;
import static dev.pipedeck.console.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipeAlertsTest {
    private static final long GB = 1024 * MB;

    private static ConsoleData data(PipeStatus status, long retained) {
        Pipe p = Fixtures.pipe(1, "shop", status, status == PipeStatus.PAUSED ? DesiredState.PAUSED : DesiredState.RUNNING);
        return new ConsoleData(NOW, List.of(p), Map.of(1L, Fixtures.sample(1, NOW, retained, 0, null, -1L)), null);
    }

    @Test
    void failureAndThresholdCrossingFireOnceEach() {
        PipeAlerts alerts = new PipeAlerts();
        assertTrue(alerts.check(data(PipeStatus.RUNNING, 100 * MB), GB).isEmpty());
        assertTrue(alerts.check(data(PipeStatus.PAUSED, 900 * MB), GB).isEmpty());
        List<PipeAlerts.Alert> crossed = alerts.check(data(PipeStatus.PAUSED, 1100 * MB), GB);
        assertEquals(1, crossed.size());
        assertEquals("Slot of shop retains 1.1 GB", crossed.get(0).title());
        assertTrue(crossed.get(0).text().contains("while paused: resume the pipe soon"), crossed.get(0).text());
        assertTrue(alerts.check(data(PipeStatus.PAUSED, 1200 * MB), GB).isEmpty(), "once per crossing");
        List<PipeAlerts.Alert> failed = alerts.check(data(PipeStatus.FAILED, 100 * MB), GB);
        assertEquals(1, failed.size());
        assertTrue(failed.get(0).error());
        assertEquals("Pipe shop failed", failed.get(0).title());
        assertTrue(alerts.check(data(PipeStatus.FAILED, 100 * MB), GB).isEmpty());
    }

    private static ConsoleData withSafeWal(Long safe, long max) {
        Pipe p = Fixtures.pipe(1, "shop", PipeStatus.PAUSED, DesiredState.PAUSED);
        return new ConsoleData(NOW, List.of(p), Map.of(1L, Fixtures.sample(1, NOW, 100 * MB, 0, safe, max)), null);
    }

    @Test
    void aNegativeSafeWalSizeFiresOnceAsOverTheLimit() {
        PipeAlerts alerts = new PipeAlerts();
        assertTrue(alerts.check(withSafeWal(8 * MB, 64 * MB), GB).isEmpty());
        assertTrue(alerts.check(withSafeWal(3 * MB, 64 * MB), GB).isEmpty(), "headroom left is not an alert");
        List<PipeAlerts.Alert> over = alerts.check(withSafeWal(-2 * MB, 64 * MB), GB);
        assertEquals(1, over.size(), over.toString());
        assertEquals("Slot of shop is over max_slot_wal_keep_size", over.get(0).title());
        assertTrue(over.get(0).error());
        assertTrue(over.get(0).text().contains("retains 2.0 MB more WAL than max_slot_wal_keep_size (64 MB) allows"), over.get(0).text());
        assertTrue(over.get(0).text().contains("Resume the pipe now"), over.get(0).text());
        assertTrue(alerts.check(withSafeWal(-5 * MB, 64 * MB), GB).isEmpty(), "once per crossing");
        assertTrue(alerts.check(withSafeWal(null, -1L), GB).isEmpty(), "no limit is not an alert");
    }

    @Test
    void nothingFiresForWhatWasAlreadySoAtStart() {
        PipeAlerts alerts = new PipeAlerts();
        assertTrue(alerts.check(data(PipeStatus.FAILED, 5 * GB), GB).isEmpty());
    }

    @Test
    void thresholdDefaultsToOneGigabyteAndIsAPreference() throws Exception {
        Preferences node = Preferences.userRoot().node("dev/pipedeck/console-unit-test");
        node.clear();
        ConsolePreferences prefs = new ConsolePreferences(node);
        assertEquals(GB, prefs.walAlertThresholdBytes());
        prefs.setWalAlertThresholdBytes(512 * MB);
        assertEquals(512 * MB, new ConsolePreferences(node).walAlertThresholdBytes());
        node.removeNode();
    }
}
