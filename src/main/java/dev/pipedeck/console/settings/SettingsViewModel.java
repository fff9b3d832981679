package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeLifecycle.Action;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.console.common.BatchSettingsInput;
import dev.pipedeck.console.common.ConsoleBackend;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.DialogService;
import dev.pipedeck.console.common.PipeDetails;
import dev.pipedeck.console.common.PipeDisplay;
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
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The open pipe's configuration, its actions (Pause, Resume, Delete — enabled by the lifecycle table) and its History.
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
    private boolean historyInFlight;
    private boolean historyAgain;
    private final Map<Action, StringBinding> disabledReasons = new EnumMap<>(Action.class);
    private final Map<Action, BooleanBinding> allowed = new EnumMap<>(Action.class);

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
        loadHistory(p == null ? null : p.name());
    }

    /** Newest first; re-read with every refresh of the open pipe (one query at a time, off the FX thread). */
    private void loadHistory(String pipeName) {
        if (pipeName == null) {
            history.clear();
            historyError.set("");
            return;
        }
        if (historyInFlight) {
            historyAgain = true;
            return;
        }
        historyInFlight = true;
        runner.run(() -> backend.history(pipeName, HISTORY_LINES).stream().map(HistoryRow::of).toList(), rows -> {
            historyDone(pipeName);
            if (pipeName.equals(name.get())) {
                history.setAll(rows);
                historyError.set("");
            }
        }, error -> {
            historyDone(pipeName);
            LOG.warn("could not read the history of pipe {}", pipeName, error);
            historyError.set("Could not read the history of pipe " + pipeName + ": " + PipeDisplay.sentence(error)
                    + " It is read again with the next refresh.");
        });
    }

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
     * Opens the Edit dialog (batch size, sync interval) of a paused pipe; a changed value is sent, applied when the
     * pipe resumes. Cancel, or nothing changed, sends nothing; a value that is not a positive whole number is refused
     * with a sentence.
     */
    public void edit() {
        PipeDetails d = details.get();
        if (d == null || !can(Action.EDIT).get()) {
            return;
        }
        Pipe pipe = d.pipe();
        BatchSettingsInput current = new BatchSettingsInput(String.valueOf(pipe.batchSize()),
                String.valueOf(pipe.syncInterval().toMillis()));
        Optional<BatchSettingsInput> typed = dialogs.showBatchSettingsDialogAndWait("Edit pipe", "Edit pipe " + pipe.name(),
                "A batch is written when it reaches the batch size or when the sync interval has passed, whichever "
                        + "comes first. The new values apply from the first batch after the pipe resumes.", current);
        if (typed.isEmpty()) {
            return;
        }
        Integer size;
        Long millis;
        try {
            size = positive(typed.get().batchSize(), "The batch size");
            millis = positive(typed.get().syncIntervalMillis(), "The sync interval").longValue();
        } catch (IllegalArgumentException e) {
            errorMessage.set("Could not edit pipe " + pipe.name() + ": " + e.getMessage());
            return;
        }
        Integer newSize = size == pipe.batchSize() ? null : size;
        Duration newInterval = millis == pipe.syncInterval().toMillis() ? null : Duration.ofMillis(millis);
        if (newSize == null && newInterval == null) {
            message.set("Nothing changed.");
            return;
        }
        send(pipe, (name, who) -> backend.edit(name, newSize, newInterval, who), Action.EDIT);
    }

    private static Integer positive(String text, String what) {
        try {
            int v = Integer.parseInt(text == null ? "" : text.strip().replace(",", "").replace("_", ""));
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the sentence below
        }
        throw new IllegalArgumentException(what + " must be a positive whole number (got '" + (text == null ? "" : text.strip())
                + "'). Nothing was changed.");
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
        send(pipe, backend::delete, Action.DELETE);
    }

    /**
     * Asks for a confirmation that says what a resync does (new slot, full copy into shadow tables, old data replaced
     * at once) and how long the last copy took — read off the FX thread first —, then requests it. Cancel changes
     * nothing.
     */
    public void resync() {
        PipeDetails d = details.get();
        if (d == null || !can(Action.RESYNC).get()) {
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
        ConfirmationText t = ConfirmationText.resync(pipe, lastCopy.orElse(null));
        if (!pipe.name().equals(name.get()) || !can(Action.RESYNC).get()
                || !dialogs.showConfirmationDialogAndWait(t.title(), t.header(), t.content(), t.okButton(), t.cancelButton())) {
            return;
        }
        send(pipe, backend::resync, Action.RESYNC);
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
        send(pipe, request, action);
    }

    private void send(Pipe pipe, Request request, Action action) {
        String verb = action.verb();
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
            errorMessage.set("Could not " + verb + " pipe " + pipe.name() + ": " + PipeDisplay.sentence(error)
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
