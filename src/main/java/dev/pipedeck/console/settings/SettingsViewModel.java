package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.TableMapping;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiFunction;

/** The open pipe's configuration and its Pause / Resume actions. */
public final class SettingsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsViewModel.class);

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
    private final StringBinding pauseDisabledReason;
    private final StringBinding resumeDisabledReason;
    private final BooleanBinding canPause;
    private final BooleanBinding canResume;

    public SettingsViewModel(ConsoleState state, ConsoleBackend backend, DialogService dialogs, TaskRunner runner, Actor actor) {
        this.state = state;
        this.backend = backend;
        this.dialogs = dialogs;
        this.runner = runner;
        this.actor = actor;
        pauseDisabledReason = Bindings.createStringBinding(() -> ActionRules.whyNotPause(status.get(), busy.get()), status, busy);
        resumeDisabledReason = Bindings.createStringBinding(() -> ActionRules.whyNotResume(status.get(), busy.get()), status, busy);
        canPause = Bindings.createBooleanBinding(() -> pauseDisabledReason.get() == null, pauseDisabledReason);
        canResume = Bindings.createBooleanBinding(() -> resumeDisabledReason.get() == null, resumeDisabledReason);
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
    }

    private static String table(TableMapping m) {
        return m.destination().equals(m.source().name()) ? m.source().toString() : m.source() + " → " + m.destination();
    }

    /** Asks for confirmation, then requests the pause; Cancel changes nothing. */
    public void pause() {
        act(ConfirmationText::pause, backend::pause, "pause");
    }

    /** Asks for confirmation, then requests the resume; Cancel changes nothing. */
    public void resume() {
        act(ConfirmationText::resume, backend::resume, "resume");
    }

    private void act(BiFunction<Pipe, SlotSampleRow, ConfirmationText> text, Request request, String verb) {
        PipeDetails d = details.get();
        boolean allowed = "pause".equals(verb) ? canPause.get() : canResume.get();
        if (d == null || !allowed) {
            return;
        }
        Pipe pipe = d.pipe();
        SlotSampleRow sample = state.data().latestSample(pipe.id()).orElse(d.latestSample());
        ConfirmationText t = text.apply(pipe, sample);
        if (!dialogs.showConfirmationDialogAndWait(t.title(), t.header(), t.content(), t.okButton(), t.cancelButton())) {
            return;
        }
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

    public BooleanBinding canPause() { return canPause; }
    public BooleanBinding canResume() { return canResume; }
    public StringBinding pauseDisabledReason() { return pauseDisabledReason; }
    public StringBinding resumeDisabledReason() { return resumeDisabledReason; }
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
}
