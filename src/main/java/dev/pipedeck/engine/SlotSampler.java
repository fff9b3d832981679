package dev.pipedeck.engine;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.PauseGuard;
import dev.pipedeck.catalog.PauseGuardRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.WalForecast;
import dev.pipedeck.change.Advice;
import dev.pipedeck.source.pg.PendingCommit;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SlotSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples a pipe's replication slot into the catalog, whatever the pipe's status: this is how a paused pipe shows
 * its slot growing. With each sample it stores the pipe's lag in seconds and the WAL-budget forecast, so every reader
 * shows the same figures. A slot found lost or dropped fails the pipe with a reason that says what to do.
 */
final class SlotSampler {
    private static final Logger LOG = LoggerFactory.getLogger(SlotSampler.class);

    private final long pipeId;
    private final Connectors connectors;
    private final PipeCredentials credentials;
    private final PipeRepository pipes;
    private final MetricsRepository metrics;
    private final PipeRunner runner;
    private final LagTracker lag;
    /** A held slot with nothing of ours pending is peeked again after this long (new changes may have come). */
    private final Duration peekAgain;
    private long peekedForConfirmed = -1;
    private PendingCommit pending = PendingCommit.UNKNOWN;
    private Instant peekedAt = Instant.EPOCH;
    private volatile SlotSampleRow last;
    private final PauseGuardRepository guards;
    private final Actor actor;

    SlotSampler(long pipeId, Connectors connectors, PipeCredentials credentials, PipeRepository pipes,
                MetricsRepository metrics, PipeRunner runner, LagTracker lag, Duration peekAgain,
                PauseGuardRepository guards, Actor actor) {
        this.pipeId = pipeId;
        this.connectors = connectors;
        this.credentials = credentials;
        this.pipes = pipes;
        this.metrics = metrics;
        this.runner = runner;
        this.lag = lag;
        this.peekAgain = peekAgain;
        this.guards = guards;
        this.actor = actor;
    }

    /** The newest sample this sampler recorded, with its figures (null before the first). */
    SlotSampleRow last() {
        return last;
    }

    void sample() {
        Pipe p = pipes.find(pipeId).orElse(null);
        if (p == null || enforceGuard(p, null) || !p.slotCreated()) {
            return;
        }
        PostgresSource source = connectors.source(credentials.sourceConfig(p));
        SlotSample s = source.sampleSlot(p.slotName());
        SlotSampleRow row = new SlotSampleRow(pipeId, s.at(), s.exists(), s.active(),
                known(s.retainedWalBytes()), known(s.backlogBytes()), s.walStatus(), s.safeWalSizeBytes(),
                s.maxSlotWalKeepSizeBytes() < 0 ? null : s.maxSlotWalKeepSizeBytes(), known(s.currentLsn()),
                known(s.confirmedFlushLsn()), known(s.restartLsn()));
        Long limit = metrics.walLimit(pipeId);
        Long walDir = null;
        if (limit != null && s.maxSlotWalKeepSizeBytes() < 0) {
            walDir = known(source.walDirectoryBytes());
        }
        row = row.withFigures(null, null, walDir);
        List<SlotSampleRow> window = new ArrayList<>(metrics.slotSamples(pipeId, s.at().minus(WalForecast.RATE_WINDOW)));
        window.add(row);
        WalForecast forecast = WalForecast.of(window, limit);
        row = row.withFigures(lagSeconds(p, s, source), forecast, walDir);
        metrics.recordSlotSample(row);
        last = row;
        enforceGuard(p, forecast.secondsLeft());
        if (p.status() == PipeStatus.FAILED || p.status() == PipeStatus.DELETING
                || p.status() == PipeStatus.RESYNCING) { // a resync drops the slot and creates it afresh
            return;
        }
        if (!s.exists()) {
            runner.fail("replication slot " + p.slotName() + " was dropped on the source: changes since then are lost — "
                    + Advice.resync(p.name()));
        } else if (s.isLost()) {
            runner.fail("replication slot " + p.slotName() + " was invalidated by the source (wal_status = lost: it retained "
                    + "more WAL than max_slot_wal_keep_size allows) — " + Advice.resync(p.name()) + ", and raise "
                    + "max_slot_wal_keep_size or resume paused pipes sooner");
        }
    }

    /**
     * While the stream runs, the runner's own account. While the pipe is paused (or failed), the age of the oldest
     * change the slot holds for us, peeked from the slot once per pause (and again after a while when there is
     * none); zero when there is none. Unknown during setup and the initial copy.
     */
    private Double lagSeconds(Pipe p, SlotSample s, PostgresSource source) {
        Instant now = Instant.now();
        if (lag.isStreaming()) {
            return lag.lagSeconds(now);
        }
        boolean held = p.status() == PipeStatus.PAUSED || p.status() == PipeStatus.FAILED;
        if (!held || !s.exists() || s.active() || s.isLost() || p.desiredState() == DesiredState.RUNNING
                && p.status() != PipeStatus.FAILED) {
            return null;
        }
        boolean stale = s.confirmedFlushLsn() != peekedForConfirmed
                || !pending.found() && Duration.between(peekedAt, now).compareTo(peekAgain) >= 0;
        if (stale) {
            try {
                pending = source.oldestPendingCommit(p.slotName(), p.publicationName());
            } catch (RuntimeException e) {
                LOG.debug("pipe {}: could not peek at the slot's pending changes: {}", p.name(), e.getMessage());
                pending = PendingCommit.UNKNOWN;
            }
            peekedForConfirmed = s.confirmedFlushLsn();
            peekedAt = now;
        }
        if (pending.found()) {
            return Math.max(0, Duration.between(pending.commitTime(), now).toMillis() / 1000.0);
        }
        return pending.none() ? 0.0 : null;
    }

    /**
     * The guard of a pause, enforced here so that it holds with no console open: resumes the pipe when its time is up
     * or when the forecast ({@code forecastSeconds}, null when not known) falls under its margin, with the reason in
     * the audit trail. A guard left on a pipe that no longer wants to be paused is removed. True when it resumed.
     */
    private boolean enforceGuard(Pipe p, Double forecastSeconds) {
        PauseGuard g = guards.find(pipeId).orElse(null);
        if (g == null) {
            return false;
        }
        // read after the guard: a pause request sets the desired state before its guard, so this is never older
        p = pipes.find(pipeId).orElse(null);
        if (p == null) {
            return false;
        }
        if (p.desiredState() != DesiredState.PAUSED) {
            guards.clear(pipeId);
            return false;
        }
        String why = null;
        if (g.resumeAt() != null && !Instant.now().isBefore(g.resumeAt())) {
            why = "resumed automatically: the pause's time is up (guard set by " + g.setBy() + " to resume at " + g.resumeAt() + ")";
        } else if (g.resumeBelow() != null && forecastSeconds != null && forecastSeconds < g.resumeBelow().toSeconds()) {
            why = "resumed automatically: " + WalForecast.duration(forecastSeconds) + " of WAL budget left (guard set by "
                    + g.setBy() + " to resume below " + WalForecast.duration(g.resumeBelow().toSeconds()) + ")";
        }
        if (why == null) {
            return false;
        }
        PipeStatus direct = p.status() == PipeStatus.FAILED ? PipeStatus.RESUMING : null;
        if (!pipes.requestState(p, DesiredState.RUNNING, direct, actor, "resume", why)) {
            return false; // the pipe changed meanwhile: the next sample looks again
        }
        guards.clear(pipeId);
        LOG.info("pipe {}: {}", p.name(), why);
        runner.wake();
        return true;
    }

    private static Long known(long v) {
        return v < 0 ? null : v;
    }
}
