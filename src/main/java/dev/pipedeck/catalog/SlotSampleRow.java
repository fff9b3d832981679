package dev.pipedeck.catalog;

import java.time.Instant;

/**
 * A stored reading of a pipe's replication slot (bytes are null when unknown), with the figures the worker derives
 * from it: lag in seconds, the server's WAL rate, the WAL budget left and the forecast time until the slot is lost.
 */
public record SlotSampleRow(long pipeId, Instant at, boolean slotExists, boolean active, Long retainedWalBytes,
                            Long backlogBytes, String walStatus, Long safeWalSizeBytes, Long maxSlotWalKeepSizeBytes,
                            Long currentLsn, Long confirmedLsn, Long restartLsn, Double lagSeconds,
                            Double walRateBytesPerSecond, Long walBudgetBytes, Double forecastSeconds, Long walDirBytes) {

    /** A reading without derived figures. */
    public SlotSampleRow(long pipeId, Instant at, boolean slotExists, boolean active, Long retainedWalBytes,
                         Long backlogBytes, String walStatus, Long safeWalSizeBytes, Long maxSlotWalKeepSizeBytes,
                         Long currentLsn, Long confirmedLsn, Long restartLsn) {
        this(pipeId, at, slotExists, active, retainedWalBytes, backlogBytes, walStatus, safeWalSizeBytes,
                maxSlotWalKeepSizeBytes, currentLsn, confirmedLsn, restartLsn, null, null, null, null, null);
    }

    /** This reading with its derived figures. */
    public SlotSampleRow withFigures(Double lag, WalForecast forecast, Long walDir) {
        return new SlotSampleRow(pipeId, at, slotExists, active, retainedWalBytes, backlogBytes, walStatus, safeWalSizeBytes,
                maxSlotWalKeepSizeBytes, currentLsn, confirmedLsn, restartLsn, lag,
                forecast == null ? null : forecast.bytesPerSecond(), forecast == null ? null : forecast.budgetBytes(),
                forecast == null ? null : forecast.secondsLeft(), walDir);
    }

    /** The forecast stored with this reading. */
    public WalForecast forecast() {
        return new WalForecast(walRateBytesPerSecond, walBudgetBytes, forecastSeconds);
    }
}
