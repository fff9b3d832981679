package dev.pipedeck.console.common;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotHeadroom;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.WalForecast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which desktop notifications a new refresh deserves: a pipe that became Failed, a slot whose retained WAL
 * crossed the threshold, a slot that went over max_slot_wal_keep_size (negative safe_wal_size: it is being lost), a
 * held slot whose WAL budget lasts less than an hour. Each fires once per crossing, and nothing fires for what was
 * already so at the first refresh (opening the console should not replay old news).
 */
public final class PipeAlerts {
    public record Alert(String title, String text, boolean error) {}

    private final Set<String> failed = new HashSet<>();
    private final Map<String, Boolean> overThreshold = new HashMap<>();
    private final Map<String, Boolean> overLimit = new HashMap<>();
    /** A held slot whose WAL budget lasts less than this raises an alert. */
    public static final Duration FORECAST_THRESHOLD = Duration.ofHours(1);
    private final Map<String, Boolean> budgetShort = new HashMap<>();
    private boolean first = true;

    public List<Alert> check(ConsoleData data, long thresholdBytes) {
        List<Alert> out = new ArrayList<>();
        Set<String> nowFailed = new HashSet<>();
        for (Pipe p : data.pipes()) {
            if (p.status() == PipeStatus.FAILED) {
                nowFailed.add(p.name());
                if (!first && !failed.contains(p.name())) {
                    out.add(new Alert("Pipe " + p.name() + " failed",
                            p.statusReason() != null ? p.statusReason() : p.lastError() != null ? p.lastError() : "See its Metrics tab.", true));
                }
            }
            SlotSampleRow s = data.latestSamples().get(p.id());
            boolean over = s != null && s.retainedWalBytes() != null && s.retainedWalBytes() >= thresholdBytes;
            Boolean before = overThreshold.put(p.name(), over);
            if (over && !first && !Boolean.TRUE.equals(before)) {
                out.add(new Alert("Slot of " + p.name() + " retains " + Bytes.human(s.retainedWalBytes()),
                        "Replication slot " + p.slotName() + " passed " + Bytes.human(thresholdBytes)
                                + " of retained WAL" + (p.status() == PipeStatus.PAUSED ? " while paused: resume the pipe soon." : "."), false));
            }
            SlotHeadroom headroom = SlotHeadroom.of(s);
            boolean beingLost = headroom.kind() == SlotHeadroom.Kind.OVER_LIMIT;
            Boolean wasBeingLost = overLimit.put(p.name(), beingLost);
            if (beingLost && !first && !Boolean.TRUE.equals(wasBeingLost)) {
                out.add(new Alert("Slot of " + p.name() + " is over max_slot_wal_keep_size",
                        "Replication slot " + p.slotName() + " retains " + Bytes.human(headroom.bytes()) + " more WAL than "
                                + "max_slot_wal_keep_size (" + Bytes.human(headroom.limitBytes()) + ") allows: Postgres "
                                + "invalidates it at the next checkpoint, and the pipe must then be resynced. "
                                + (p.status() == PipeStatus.PAUSED ? "Resume the pipe now" : "Let the pipe catch up")
                                + ", or raise max_slot_wal_keep_size.", true));
            }
        }
        out.addAll(checkForecasts(data));
        failed.clear();
        failed.addAll(nowFailed);
        first = false;
        return out;
    }

    /** A paused (or failed) pipe whose slot will be lost in less than {@link #FORECAST_THRESHOLD}, once per crossing. */
    private List<Alert> checkForecasts(ConsoleData data) {
        List<Alert> out = new ArrayList<>();
        for (Pipe p : data.pipes()) {
            SlotSampleRow s = data.latestSamples().get(p.id());
            boolean held = p.status() == PipeStatus.PAUSED || p.status() == PipeStatus.PAUSING || p.status() == PipeStatus.FAILED;
            // a slot already over max_slot_wal_keep_size has its own, sharper alert: one alert per condition
            SlotHeadroom.Kind headroom = SlotHeadroom.of(s).kind();
            boolean overOrLost = headroom == SlotHeadroom.Kind.OVER_LIMIT || headroom == SlotHeadroom.Kind.LOST;
            boolean shortBudget = held && !overOrLost && s != null && s.forecastSeconds() != null
                    && s.forecastSeconds() < FORECAST_THRESHOLD.toSeconds();
            Boolean before = budgetShort.put(p.name(), shortBudget);
            if (shortBudget && !first && !Boolean.TRUE.equals(before)) {
                out.add(new Alert("WAL budget of " + p.name() + " runs out in " + WalForecast.duration(s.forecastSeconds()),
                        "Replication slot " + p.slotName() + ": " + s.forecast().text()
                                + ". Resume the pipe before then, or the source invalidates the slot and the pipe must be "
                                + "resynced (a new slot and a full copy).", true));
            }
        }
        return out;
    }
}
