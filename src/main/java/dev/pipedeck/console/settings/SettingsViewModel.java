package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeLifecycle.Action;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.console.common.ConsoleBackend;
import dev.pipedeck.console.common.ConsoleBackend.PendingTableWork;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.DialogService;
import dev.pipedeck.console.common.PipeDetails;
import dev.pipedeck.console.common.PipeDisplay;
import dev.pipedeck.console.common.ResyncChoice;
import dev.pipedeck.console.common.ShownStatus;
import dev.pipedeck.console.common.TaskRunner;
import dev.pipedeck.control.ControlResult;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The open pipe's configuration, its actions (Pause, Resume, Edit, Resync, Delete — enabled by the lifecycle table),
 * the work it still has to do for single tables (tables an edit added, a one-table resync) and its History.
 */
public final class SettingsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsViewModel.class);
    static final int HISTORY_LINES = 200;

    private final ConsoleState state;
    private final ConsoleBackend backend;
    private final DialogService dialogs;
    private final TaskRunner runner;
    private final Actor actor;

    private final ReadOnlyObjectWrapper<PipeDetails> details = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PipeStatus> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper destination = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tables = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper batchSize = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper snapshotSettings = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper syncInterval = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper slotName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper publicationName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper created = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper walBudget = new ReadOnlyStringWrapper("");
    private final ObservableList<HistoryRow> history = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper historyError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pendingWork = new ReadOnlyStringWrapper("");
    /** The pending table work last read, and for which pipe (shown again, in the new status's words, on each refresh). */
    private PendingTableWork lastPending = PendingTableWork.NONE;
    private String lastPendingName;
    private boolean historyInFlight;
    private boolean historyAgain;
    private final Map<Action, StringBinding> disabledReasons = new EnumMap<>(Action.class);
    private final Map<Action, BooleanBinding> allowed = new EnumMap<>(Action.class);
    private final BooleanBinding canResync;
    private final StringBinding resyncTooltip;

    public SettingsViewModel(ConsoleState state, ConsoleBackend backend, DialogService dialogs, TaskRunner runner, Actor actor) {
        this.state = state;
        this.backend = backend;
        this.dialogs = dialogs;
        this.runner = runner;
        this.actor = actor;
        for (Action a : Action.values()) {
            StringBinding why = Bindings.createStringBinding(() -> ActionRules.whyNot(a, status.get(), busy.get()), status, busy);
            disabledReasons.put(a, why);
            allowed.put(a, Bindings.createBooleanBinding(() -> why.get() == null, why));
        }
        // Resync… offers the whole pipe (PAUSED, FAILED) and one table (RUNNING, PAUSED): on when either applies
        StringBinding whole = disabledReasons.get(Action.RESYNC);
        StringBinding one = disabledReasons.get(Action.RESYNC_TABLE);
        canResync = Bindings.createBooleanBinding(() -> whole.get() == null || one.get() == null, whole, one);
        resyncTooltip = Bindings.createStringBinding(() -> ResyncOffer.tooltip(whole.get(), one.get()), whole, one);
        state.dataProperty().addListener((o, a, d) -> show(d.selected()));
        show(state.data().selected());
    }

    private void show(PipeDetails d) {
        details.set(d);
        Pipe p = d == null ? null : d.pipe();
        status.set(p == null ? null : ShownStatus.of(p));
        name.set(p == null ? "" : p.name());
        source.set(p == null ? "" : PipeDisplay.source(p));
        destination.set(p == null ? "" : PipeDisplay.destination(p));
        tables.set(p == null ? "" : String.join("\n", p.tables().stream().map(SettingsViewModel::table).toList()));
        batchSize.set(p == null ? "" : String.format("%,d rows", p.batchSize()));
        snapshotSettings.set(d == null ? "" : d.snapshotSettings().describe());
        syncInterval.set(p == null ? "" : PipeDisplay.duration(p.syncInterval()));
        slotName.set(p == null ? "" : p.slotName());
        publicationName.set(p == null ? "" : p.publicationName());
        created.set(p == null ? "" : (p.createdBy() == null ? "unknown" : p.createdBy()) + ", " + PipeDisplay.time(p.createdAt()));
        engine.set(p == null ? "" : p.ownerWorker() == null ? "no worker runs this pipe now"
                : p.ownerWorker() + " (since " + PipeDisplay.time(p.ownerSince()) + ")");
        statusReason.set(p == null || p.statusReason() == null ? "" : p.statusReason());
        walBudget.set(PauseForecast.whilePaused(p, p == null ? null : state.data().latestSample(p.id()).orElse(d.latestSample())));
        pendingWork.set(p == null || !lastPendingFor(p) ? "" : PendingText.of(lastPending, status.get()));
        loadHistory(p == null ? null : p.name());
    }

    private boolean lastPendingFor(Pipe p) {
        return p.name().equals(lastPendingName);
    }

    /** Newest first; re-read with every refresh of the open pipe (one query at a time, off the FX thread). */
    private void loadHistory(String pipeName) {
        if (pipeName == null) {
            history.clear();
            historyError.set("");
            pendingWork.set("");
            return;
        }
        if (historyInFlight) {
            historyAgain = true;
            return;
        }
        historyInFlight = true;
        runner.run(() -> new HistoryAndWork(backend.history(pipeName, HISTORY_LINES).stream().map(HistoryRow::of).toList(),
                backend.pendingTableWork(pipeName)), read -> {
            historyDone(pipeName);
            if (pipeName.equals(name.get())) {
                history.setAll(read.rows());
                historyError.set("");
                lastPending = read.work();
                lastPendingName = pipeName;
                pendingWork.set(PendingText.of(read.work(), status.get()));
            }
        }, error -> {
            historyDone(pipeName);
            LOG.warn("could not read the history of pipe {}", pipeName, error);
            historyError.set("Could not read the history of pipe " + pipeName + ": " + PipeDisplay.sentence(error)
                    + " It is read again with the next refresh.");
        });
    }

    private record HistoryAndWork(List<HistoryRow> rows, PendingTableWork work) {}

    private void historyDone(String pipeName) {
        historyInFlight = false;
        if (historyAgain) {
            historyAgain = false;
            String open = name.get();
            if (open != null && !open.isEmpty()) {
                loadHistory(open);
            }
        }
    }

    private static String table(TableMapping m) {
        return m.destination().equals(m.source().name()) ? m.source().toString() : m.source() + " → " + m.destination();
    }

    /** Asks for confirmation, then requests the pause; Cancel changes nothing. */
    public void pause() {
        act(ConfirmationText::pause, null, Action.PAUSE);
    }

    /** Asks for confirmation, then requests the resume; Cancel changes nothing. */
    public void resume() {
        act(ConfirmationText::resume, backend::resume, Action.RESUME);
    }

    /**
     * The Edit dialog's model for the open pipe (its tables, a picker of its source's tables, batch size and sync
     * interval), or empty when Edit does not apply now. An accepted edit shows its answer here and refreshes.
     */
    public Optional<EditPipeViewModel> editor() {
        PipeDetails d = details.get();
        if (d == null || !can(Action.EDIT).get()) {
            return Optional.empty();
        }
        Pipe pipe = d.pipe();
        List<TableMapping> pendingCopies = lastPendingFor(pipe) ? lastPending.tableCopies() : List.of();
        return Optional.of(new EditPipeViewModel(pipe, pendingCopies, backend, runner, actor, result -> {
            errorMessage.set("");
            message.set(result.message());
            state.replacePipe(result.pipe());
            state.refreshNow();
        }));
    }

    /**
     * Asks for a confirmation that names what is dropped and what is kept, with the pipe's name typed to enable it;
     * then requests the delete. Cancel (or a wrong name) changes nothing.
     */
    public void delete() {
        PipeDetails d = details.get();
        if (d == null || !can(Action.DELETE).get()) {
            return;
        }
        Pipe pipe = d.pipe();
        ConfirmationText t = ConfirmationText.delete(pipe);
        if (!dialogs.showTypedConfirmationDialogAndWait(t.title(), t.header(), t.content(), ConfirmationText.deletePrompt(pipe),
                pipe.name(), t.okButton(), t.cancelButton())) {
            return;
        }
        send(pipe, backend::delete, Action.DELETE.verb());
    }

    /**
     * Offers the whole pipe (while paused or failed) or one of its tables (while running or paused), with a confirmation
     * that says what the chosen one does — for the whole pipe with how long the last copy took, read off the FX thread
     * first —, then requests it. Cancel changes nothing.
     */
    public void resync() {
        PipeDetails d = details.get();
        if (d == null || !canResync.get()) {
            return;
        }
        Pipe pipe = d.pipe();
        busy.set(true);
        runner.run(() -> backend.lastCopy(pipe.name()), last -> confirmResync(pipe, last), error -> {
            LOG.warn("could not read how long the last copy of pipe {} took", pipe.name(), error);
            confirmResync(pipe, Optional.empty());
        });
    }

    private void confirmResync(Pipe pipe, Optional<Duration> lastCopy) {
        busy.set(false);
        if (!pipe.name().equals(name.get()) || !canResync.get()) {
            return;
        }
        PipeStatus shown = status.get();
        List<ResyncChoice> choices = new ArrayList<>();
        if (can(Action.RESYNC).get()) {
            choices.add(ResyncChoice.wholePipe());
        }
        if (can(Action.RESYNC_TABLE).get()) {
            pipe.tables().forEach(m -> choices.add(new ResyncChoice(m.source(), table(m))));
        }
        ConfirmationText whole = ConfirmationText.resync(pipe, lastCopy.orElse(null));
        Optional<ResyncChoice> chosen = dialogs.showResyncDialogAndWait(whole.title(), whole.header(), choices,
                c -> c.isWholePipe() ? whole.content() : ConfirmationText.resyncTable(pipe, mapping(pipe, c.table()), shown).content(),
                ResyncOffer.note(disabledReason(Action.RESYNC).get(), disabledReason(Action.RESYNC_TABLE).get()),
                whole.okButton(), whole.cancelButton());
        if (chosen.isEmpty()) {
            return;
        }
        TableRef table = chosen.get().table();
        if (table == null) {
            send(pipe, backend::resync, Action.RESYNC.verb());
        } else {
            send(pipe, (n, who) -> backend.resyncTable(n, table, who), "resync table " + table, "of pipe " + pipe.name());
        }
    }

    private static TableMapping mapping(Pipe pipe, TableRef table) {
        return pipe.tables().stream().filter(m -> m.source().equals(table)).findFirst()
                .orElse(new TableMapping(table, table.name()));
    }

    private void act(BiFunction<Pipe, SlotSampleRow, ConfirmationText> text, Request request, Action action) {
        PipeDetails d = details.get();
        if (d == null || !allowed.get(action).get()) {
            return;
        }
        Pipe pipe = d.pipe();
        SlotSampleRow sample = state.data().latestSample(pipe.id()).orElse(d.latestSample());
        ConfirmationText t = text.apply(pipe, sample);
        if (request == null) {
            // the Pause dialog also offers a guard: resume automatically after a while, or before the WAL budget runs out
            var choice = dialogs.showPauseDialogAndWait(t.title(), t.header(), t.content(), t.okButton(), t.cancelButton());
            if (choice.isEmpty()) {
                return;
            }
            request = (name, who) -> backend.pause(name, who, choice.get());
        } else if (!dialogs.showConfirmationDialogAndWait(t.title(), t.header(), t.content(), t.okButton(), t.cancelButton())) {
            return;
        }
        send(pipe, request, action.verb());
    }

    private void send(Pipe pipe, Request request, String verb) {
        send(pipe, request, verb, "pipe " + pipe.name());
    }

    /** @param what the object of {@code verb} in "Could not resync table t of pipe p: ..." */
    private void send(Pipe pipe, Request request, String verb, String what) {
        busy.set(true);
        errorMessage.set("");
        runner.run(() -> request.send(pipe.name(), actor), result -> {
            busy.set(false);
            if (result.refused()) {
                errorMessage.set("Could not " + verb + ": " + result.message() + ".");
            } else {
                message.set(result.message());
                state.replacePipe(result.pipe());
            }
            state.refreshNow();
        }, error -> {
            busy.set(false);
            LOG.error("{} of pipe {} failed", verb, pipe.name(), error);
            errorMessage.set("Could not " + verb + " " + what + ": " + PipeDisplay.sentence(error)
                    + " Check the catalog connection and try again.");
            state.refreshNow();
        });
    }

    @FunctionalInterface
    private interface Request {
        ControlResult send(String pipeName, Actor actor);
    }

    public BooleanBinding canPause() { return can(Action.PAUSE); }
    public BooleanBinding canResume() { return can(Action.RESUME); }
    public StringBinding pauseDisabledReason() { return disabledReason(Action.PAUSE); }
    public StringBinding resumeDisabledReason() { return disabledReason(Action.RESUME); }
    /** True when the lifecycle table allows {@code action} in the shown status and no request is in flight. */
    public BooleanBinding can(Action action) { return allowed.get(action); }
    /** Null when {@code action} is possible, else the sentence saying why not (the button's tooltip). */
    public StringBinding disabledReason(Action action) { return disabledReasons.get(action); }
    /** Resync… applies: the whole pipe (paused or failed) or one table (running or paused) can be resynced. */
    public BooleanBinding canResync() { return canResync; }
    /** The Resync… button's tooltip: what it offers now, or why it is off. */
    public StringBinding resyncTooltip() { return resyncTooltip; }
    /** A pending one-table resync and tables an edit added that are still to be copied; empty when there are none. */
    public ReadOnlyStringProperty pendingWorkProperty() { return pendingWork.getReadOnlyProperty(); }
    public ObservableList<HistoryRow> history() { return FXCollections.unmodifiableObservableList(history); }
    public ReadOnlyStringProperty historyErrorProperty() { return historyError.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<PipeDetails> detailsProperty() { return details.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<PipeStatus> statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorMessageProperty() { return errorMessage.getReadOnlyProperty(); }
    public ReadOnlyStringProperty nameProperty() { return name.getReadOnlyProperty(); }
    public ReadOnlyStringProperty sourceProperty() { return source.getReadOnlyProperty(); }
    public ReadOnlyStringProperty destinationProperty() { return destination.getReadOnlyProperty(); }
    public ReadOnlyStringProperty tablesProperty() { return tables.getReadOnlyProperty(); }
    public ReadOnlyStringProperty batchSizeProperty() { return batchSize.getReadOnlyProperty(); }
    /** The initial load's settings (rows per partition, readers per table, tables in parallel), read-only. */
    public ReadOnlyStringProperty snapshotSettingsProperty() { return snapshotSettings.getReadOnlyProperty(); }
    public ReadOnlyStringProperty syncIntervalProperty() { return syncInterval.getReadOnlyProperty(); }
    public ReadOnlyStringProperty slotNameProperty() { return slotName.getReadOnlyProperty(); }
    public ReadOnlyStringProperty publicationNameProperty() { return publicationName.getReadOnlyProperty(); }
    public ReadOnlyStringProperty createdProperty() { return created.getReadOnlyProperty(); }
    public ReadOnlyStringProperty engineProperty() { return engine.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusReasonProperty() { return statusReason.getReadOnlyProperty(); }
    /** While paused: how long the slot's WAL budget lasts; otherwise empty. */
    public ReadOnlyStringProperty walBudgetProperty() { return walBudget.getReadOnlyProperty(); }
}
