package dev.pipedeck.console.metrics;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.WalForecast;
import dev.pipedeck.console.Fixtures;
import dev.pipedeck.console.common.ConsoleData;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.PipeAlerts;
import dev.pipedeck.console.common.PipeDisplay;
import dev.pipedeck.console.settings.ConfirmationText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.pipedeck.console.Fixtures.MB;
import static dev.pipedeck.console.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lag and WAL-budget forecast on Metrics, in the Pause confirmation and in the desktop alerts. */
class LagAndForecastViewModelTest {
    private ConsoleState state;
    private MetricsViewModel vm;

    @BeforeEach
    void setUp() {
        PipeDisplay.setZone(ZoneOffset.UTC);
        state = new ConsoleState(ZoneOffset.UTC);
        vm = new MetricsViewModel(state);
    }

    /** 12 MB/min against {@code budgetMb} of safe_wal_size, lag {@code lag} seconds. */
    private static SlotSampleRow sample(long budgetMb, Double lag) {
        return Fixtures.sample(1, NOW, 340 * MB, 20 * MB, budgetMb * MB, 4096 * MB)
                .withFigures(lag, WalForecast.of(12.0 * MB / 60, budgetMb * MB), null);
    }

    @Test
    void metricsShowsLagTheForecastAndALagLine() {
        state.applyData(Fixtures.data(Fixtures.pipe("shop", PipeStatus.PAUSED), sample(2400, 200.0), List.of()));
        assertEquals("3 min 20 s", vm.lagProperty().get());
        assertEquals("WAL budget: at the current rate (12 MB/min) the slot is lost in about 3 h 20 min", vm.forecastProperty().get());
        assertEquals(1, vm.lagSeries().size());
        assertEquals(200.0, vm.lagSeries().get(0).value());

        state.applyData(Fixtures.data(Fixtures.pipe("shop", PipeStatus.RUNNING), sample(2400, 0.2), List.of()));
        assertEquals("under 1 s", vm.lagProperty().get());
        assertTrue(vm.forecastProperty().get().startsWith("If paused now: at the current rate"), vm.forecastProperty().get());
    }

    @Test
    void pauseConfirmationStatesTheForecastBeforeTheUserConfirms() {
        ConfirmationText t = ConfirmationText.pause(Fixtures.pipe("shop", PipeStatus.RUNNING), sample(2400, 0.0));
        assertTrue(t.content().contains("Forecast: at the current rate (12 MB/min) the slot is lost in about 3 h 20 min."), t.content());
    }

    @Test
    void alertWhenAPausedSlotHasLessThanAnHourLeftOncePerCrossing() {
        PipeAlerts alerts = new PipeAlerts();
        Pipe paused = Fixtures.pipe(1, "shop", PipeStatus.PAUSED, DesiredState.PAUSED);
        long gb = 1024 * MB;
        assertTrue(alerts.check(new ConsoleData(NOW, List.of(paused), Map.of(1L, sample(2400, 5.0)), null), 100 * gb).isEmpty());
        List<PipeAlerts.Alert> a = alerts.check(new ConsoleData(NOW, List.of(paused), Map.of(1L, sample(600, 5.0)), null), 100 * gb);
        assertEquals(1, a.size(), a.toString());
        assertEquals("WAL budget of shop runs out in 50 min", a.get(0).title());
        assertTrue(a.get(0).text().contains("12 MB/min") && a.get(0).text().contains("Resume the pipe"), a.get(0).text());
        assertTrue(alerts.check(new ConsoleData(NOW, List.of(paused), Map.of(1L, sample(500, 5.0)), null), 100 * gb).isEmpty());
    }
}
