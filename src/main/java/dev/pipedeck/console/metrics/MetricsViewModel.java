package dev.pipedeck.console.metrics;

import dev.pipedeck.catalog.InitialLoadProgress;
import dev.pipedeck.catalog.LagText;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotHeadroom;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.TableCounter;
import dev.pipedeck.catalog.TableCounts;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.console.common.Bytes;
import dev.pipedeck.console.common.ConsoleBackend;
import dev.pipedeck.console.common.ConsoleData;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.HeadroomText;
import dev.pipedeck.console.common.PipeDetails;
import dev.pipedeck.console.common.PipeDisplay;
import dev.pipedeck.console.common.ShownStatus;
import dev.pipedeck.console.common.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** The open pipe's status, counts, charts, recent batches and last error. */
public final class MetricsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsViewModel.class);
    public static final String SLOT_WARNING = "Pausing does not stop replication slot growth";

    private final ReadOnlyBooleanWrapper hasPipe = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<PipeStatus> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper since = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper consistentAsOf = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rowsSynced = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rowsByKind = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper initialLoad = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper slotWarning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper retainedWal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper walStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper headroom = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastErrorFix = new ReadOnlyStringWrapper("");
    private final ObservableList<ChartPoint> throughput = FXCollections.observableArrayList();
    private final ObservableList<ChartPoint> retainedSeries = FXCollections.observableArrayList();
    private final ObservableList<ChartPoint> backlogSeries = FXCollections.observableArrayList();
    private final ObservableList<ChartPoint> lagSeries = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper lag = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper forecast = new ReadOnlyStringWrapper("");
    private final ObservableList<BatchRow> batches = FXCollections.observableArrayList();
    private final ObservableList<TableRow> tables = FXCollections.observableArrayList();

    private final ConsoleState state;
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final ReadOnlyBooleanWrapper verifying = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper verifyProgress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verifyResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Boolean> verifyMatches = new ReadOnlyObjectWrapper<>();
    private String verifiedPipe;

    public MetricsViewModel(ConsoleState state) {
        this(state, null, null);
    }

    /** With the backend and task runner the Verify action needs (null: no Verify). */
    public MetricsViewModel(ConsoleState state, ConsoleBackend backend, TaskRunner runner) {
        this.state = state;
        this.backend = backend;
        this.runner = runner;
        state.dataProperty().addListener((o, a, d) -> show(d));
        show(state.data());
    }

    /** Verify: compares the open pipe's source with its destination row by row; progress and result below the button. */
    public void verify() {
        PipeDetails d = state.data().selected();
        if (d == null || backend == null || verifying.get()) {
            return;
        }
        String pipe = d.pipe().name();
        verifying.set(true);
        verifyMatches.set(null);
        verifyResult.set("");
        verifyProgress.set("Verifying " + pipe + "…");
        runner.run(() -> backend.verify(pipe, step -> runner.onUiThread(() -> {
            if (verifying.get()) {
                verifyProgress.set(step);
            }
        })), report -> {
            verifying.set(false);
            verifyProgress.set("");
            verifyMatches.set(report.matches());
            StringBuilder text = new StringBuilder(report.matches() ? "All rows match." : "The destination differs from the source.");
            report.tables().forEach(t -> text.append('\n').append(t.text()));
            text.append('\n').append(Character.toUpperCase(report.note().charAt(0))).append(report.note().substring(1)).append('.');
            verifyResult.set(text.toString());
        }, error -> {
            verifying.set(false);
            verifyProgress.set("");
            verifyMatches.set(false);
            LOG.error("verify of pipe {} failed", pipe, error);
            verifyResult.set("Could not verify pipe " + pipe + ": " + PipeDisplay.sentence(error)
                    + " Check that the source and the destination are reachable, then try again.");
        });
    }

    private void show(ConsoleData data) {
        PipeDetails d = data.selected();
        hasPipe.set(d != null);
        if (d == null) {
            status.set(null);
            statusText.set("");
            return;
        }
        Pipe p = d.pipe();
        if (!p.name().equals(verifiedPipe)) {
            verifiedPipe = p.name();
            verifyResult.set("");
            verifyMatches.set(null);
        }
        PipeStatus s = ShownStatus.of(p);
        status.set(s);
        statusText.set(s.label());
        since.set("since " + PipeDisplay.time(p.statusChangedAt()));
        statusReason.set(p.statusReason() == null ? "" : p.statusReason());
        consistentAsOf.set(s == PipeStatus.PAUSED && p.consistentLsn() != null
                ? "Destination consistent as of " + PipeDisplay.time(p.consistentCommitTime()) + " (LSN " + Lsn.format(p.consistentLsn()) + ")"
                : "");
        rowsSynced.set(String.format("%,d", p.rowsSynced()));
        TableCounts t = d.tables().stream().map(TableCounter::counts).reduce(TableCounts.ZERO, TableCounts::plus);
        rowsByKind.set(String.format("%,d snapshot · %,d inserts · %,d updates · %,d deletes",
                t.snapshotRows(), t.inserts(), t.updates(), t.deletes()));
        InitialLoadProgress load = InitialLoadProgress.of(d.tables(), d.chartBatches(), data.loadedAt());
        initialLoad.set(load.tables().isEmpty() || (load.done() && p.snapshotDone()) ? ""
                : "Initial load: " + load.total().text());
        slotWarning.set(s == PipeStatus.PAUSED || s == PipeStatus.PAUSING);
        showSlot(data.latestSample(p.id()).orElse(d.latestSample()));
        lastError.set(p.lastError() == null ? "" : p.lastError()
                + (p.lastErrorAt() == null ? "" : " (" + PipeDisplay.time(p.lastErrorAt()) + ")"));
        lastErrorFix.set(ErrorAdvice.fixFor(p.lastError()));
        throughput.setAll(ChartSeries.throughput(d.chartBatches(), data.loadedAt()));
        retainedSeries.setAll(ChartSeries.megabytes(d.slotSamples(), SlotSampleRow::retainedWalBytes));
        backlogSeries.setAll(ChartSeries.megabytes(d.slotSamples(), SlotSampleRow::backlogBytes));
        lagSeries.setAll(ChartSeries.seconds(d.slotSamples(), SlotSampleRow::lagSeconds));
        showLagAndForecast(s, data.latestSample(p.id()).orElse(d.latestSample()));
        List<BatchRow> b = d.recentBatches().stream().map(BatchRow::of).toList();
        if (!b.equals(batches)) {
            batches.setAll(b);
        }
        List<TableRow> tr = new ArrayList<>();
        for (int i = 0; i < d.tables().size(); i++) {
            tr.add(TableRow.of(d.tables().get(i), load.tables().get(i)));
        }
        if (!tr.equals(tables)) {
            tables.setAll(tr);
        }
    }

    /** Lag in time, and how long the slot's WAL budget lasts (stated as "if paused now" while the pipe runs). */
    private void showLagAndForecast(PipeStatus s, SlotSampleRow sample) {
        lag.set(sample == null ? "not known yet" : LagText.of(sample.lagSeconds()));
        if (sample == null || !sample.slotExists()) {
            forecast.set("");
            return;
        }
        boolean held = s == PipeStatus.PAUSED || s == PipeStatus.PAUSING || s == PipeStatus.FAILED;
        String text = sample.forecast().text();
        forecast.set(held ? "WAL budget: " + text : "If paused now: " + text);
    }

    private void showSlot(SlotSampleRow s) {
        if (s == null) {
            retainedWal.set("not sampled yet");
            walStatus.set("unknown");
            headroom.set("unknown");
            return;
        }
        if (!s.slotExists()) {
            retainedWal.set("slot does not exist");
            walStatus.set("missing");
            headroom.set("—");
            return;
        }
        retainedWal.set(Bytes.human(s.retainedWalBytes()) + " retained · " + Bytes.human(s.backlogBytes()) + " backlog");
        walStatus.set(s.walStatus() == null ? "unknown" : s.walStatus() + (s.active() ? " (active)" : " (inactive)"));
        headroom.set(HeadroomText.of(SlotHeadroom.of(s)));
    }

    public ReadOnlyBooleanProperty verifyingProperty() { return verifying.getReadOnlyProperty(); }
    public ReadOnlyStringProperty verifyProgressProperty() { return verifyProgress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty verifyResultProperty() { return verifyResult.getReadOnlyProperty(); }
    /** True / false once a verify finished (false also when it failed), null before. */
    public ReadOnlyObjectProperty<Boolean> verifyMatchesProperty() { return verifyMatches.getReadOnlyProperty(); }
    public boolean canVerify() { return backend != null; }
    public ReadOnlyBooleanProperty hasPipeProperty() { return hasPipe.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<PipeStatus> statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusTextProperty() { return statusText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty sinceProperty() { return since.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusReasonProperty() { return statusReason.getReadOnlyProperty(); }
    public ReadOnlyStringProperty consistentAsOfProperty() { return consistentAsOf.getReadOnlyProperty(); }
    public ReadOnlyStringProperty rowsSyncedProperty() { return rowsSynced.getReadOnlyProperty(); }
    public ReadOnlyStringProperty rowsByKindProperty() { return rowsByKind.getReadOnlyProperty(); }
    /** The whole initial load: rows copied of the estimate, rate, time left; empty once it is done. */
    public ReadOnlyStringProperty initialLoadProperty() { return initialLoad.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty slotWarningProperty() { return slotWarning.getReadOnlyProperty(); }
    public ReadOnlyStringProperty retainedWalProperty() { return retainedWal.getReadOnlyProperty(); }
    public ReadOnlyStringProperty walStatusProperty() { return walStatus.getReadOnlyProperty(); }
    public ReadOnlyStringProperty headroomProperty() { return headroom.getReadOnlyProperty(); }
    public ReadOnlyStringProperty lastErrorProperty() { return lastError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty lastErrorFixProperty() { return lastErrorFix.getReadOnlyProperty(); }
    public ObservableList<ChartPoint> throughput() { return throughput; }
    public ObservableList<ChartPoint> retainedSeries() { return retainedSeries; }
    public ObservableList<ChartPoint> backlogSeries() { return backlogSeries; }
    public ObservableList<ChartPoint> lagSeries() { return lagSeries; }
    public ReadOnlyStringProperty lagProperty() { return lag.getReadOnlyProperty(); }
    public ReadOnlyStringProperty forecastProperty() { return forecast.getReadOnlyProperty(); }
    public ObservableList<BatchRow> batches() { return batches; }
    public ObservableList<TableRow> tables() { return tables; }
}
