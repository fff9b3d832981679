package dev.pipedeck.engine;

import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.change.Advice;
import dev.pipedeck.source.pg.SlotSample;

/**
 * Samples a pipe's replication slot into the catalog, whatever the pipe's status: this is how a paused pipe shows
 * its slot growing. A slot found lost or dropped fails the pipe with a reason that says what to do.
 */
final class SlotSampler {
    private final long pipeId;
    private final Connectors connectors;
    private final PipeCredentials credentials;
    private final PipeRepository pipes;
    private final MetricsRepository metrics;
    private final PipeRunner runner;

    SlotSampler(long pipeId, Connectors connectors, PipeCredentials credentials, PipeRepository pipes,
                MetricsRepository metrics, PipeRunner runner) {
        this.pipeId = pipeId;
        this.connectors = connectors;
        this.credentials = credentials;
        this.pipes = pipes;
        this.metrics = metrics;
        this.runner = runner;
    }

    void sample() {
        Pipe p = pipes.find(pipeId).orElse(null);
        if (p == null || !p.slotCreated()) {
            return;
        }
        SlotSample s = connectors.source(credentials.sourceConfig(p)).sampleSlot(p.slotName());
        metrics.recordSlotSample(new SlotSampleRow(pipeId, s.at(), s.exists(), s.active(),
                known(s.retainedWalBytes()), known(s.backlogBytes()), s.walStatus(), s.safeWalSizeBytes(),
                s.maxSlotWalKeepSizeBytes() < 0 ? null : s.maxSlotWalKeepSizeBytes(), known(s.currentLsn()),
                known(s.confirmedFlushLsn()), known(s.restartLsn())));
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

    private static Long known(long v) {
        return v < 0 ? null : v;
    }
}
