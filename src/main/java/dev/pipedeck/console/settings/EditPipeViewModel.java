package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.console.common.ConsoleBackend;
import dev.pipedeck.console.common.PipeDisplay;
import dev.pipedeck.console.common.TaskRunner;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeEdit;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Edit dialog of a paused pipe: its tables (tick to remove), the source's other tables (tick to add, with an
 * optional destination name), batch size and sync interval, and a summary of what happens when the pipe resumes.
 * Save sends one {@link PipeEdit} off the FX thread; a refusal (a table without a primary key, a name clash...) is
 * shown here as its sentence and the dialog stays open. Cancel sends nothing.
 */
public final class EditPipeViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(EditPipeViewModel.class);

    private final Pipe pipe;
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Actor actor;
    private final Consumer<ControlResult> onSaved;

    private final ObservableList<CapturedTable> captured = FXCollections.observableArrayList();
    private final ObservableList<SourceTableChoice> available = FXCollections.observableArrayList();
    private final StringProperty batchSize;
    private final StringProperty syncIntervalMillis;
    private final ReadOnlyStringWrapper sourceStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(false);

    /**
     * @param pendingCopies tables an earlier edit added whose copy is still to come (marked as such)
     * @param onSaved       called on the FX thread with the accepted (or no-op) answer; the dialog then closes
     */
    public EditPipeViewModel(Pipe pipe, List<TableMapping> pendingCopies, ConsoleBackend backend, TaskRunner runner, Actor actor,
                             Consumer<ControlResult> onSaved) {
        this.pipe = pipe;
        this.backend = backend;
        this.runner = runner;
        this.actor = actor;
        this.onSaved = onSaved;
        Set<TableRef> pending = new HashSet<>();
        pendingCopies.forEach(m -> pending.add(m.source()));
        for (TableMapping m : pipe.tables()) {
            CapturedTable t = new CapturedTable(m, pending.contains(m.source()));
            t.removeProperty().addListener(this::changed);
            captured.add(t);
        }
        batchSize = new SimpleStringProperty(String.valueOf(pipe.batchSize()));
        syncIntervalMillis = new SimpleStringProperty(String.valueOf(pipe.syncInterval().toMillis()));
        batchSize.addListener(this::changed);
        syncIntervalMillis.addListener(this::changed);
        summarize();
    }

    /** Lists the tables of the pipe's own source, off the FX thread; the sentence says when the source cannot be reached. */
    public void loadSourceTables() {
        String where = PipeDisplay.source(pipe);
        sourceStatus.set("Reading the tables of the source " + where + "…");
        Set<TableRef> capturedNow = new HashSet<>();
        pipe.tables().forEach(m -> capturedNow.add(m.source()));
        runner.run(() -> backend.sourceTables(pipe.name()), infos -> {
            List<SourceTableChoice> choices = infos.stream().map(i -> new SourceTableChoice(i.table(), i.hasPrimaryKey(),
                    i.replicaIdentityFull(), i.estimatedRows(), capturedNow.contains(i.table()))).toList();
            choices.forEach(c -> {
                c.addProperty().addListener(this::changed);
                c.destinationProperty().addListener(this::changed);
            });
            available.setAll(choices);
            long offered = choices.stream().filter(c -> !c.captured()).count();
            sourceStatus.set(offered == 0 ? "The pipe captures every table of the source " + where + "."
                    : offered + (offered == 1 ? " table" : " tables") + " of " + where + " can be added ("
                    + (choices.size() - offered) + " captured already).");
        }, error -> {
            LOG.warn("could not list the tables of the source of pipe {}", pipe.name(), error);
            sourceStatus.set("Could not list the tables of the source " + where + ": " + PipeDisplay.sentence(error)
                    + " Tables can still be removed and the batch settings changed; open Edit again once the source is "
                    + "reachable to add tables.");
        });
    }

    private void changed(Observable o) {
        errorMessage.set("");
        summarize();
    }

    /** What Save would send, or why it cannot (malformed input: a sentence). */
    PipeEdit edit() {
        List<TableMapping> add = new ArrayList<>();
        for (SourceTableChoice c : available) {
            if (c.addProperty().get() && !c.captured()) {
                add.add(new TableMapping(c.tableRef(), c.destinationName()));
            }
        }
        List<TableRef> remove = captured.stream().filter(t -> t.removeProperty().get()).map(t -> t.mapping().source()).toList();
        int size = positive(batchSize.get(), "The batch size");
        long millis = positive(syncIntervalMillis.get(), "The sync interval");
        Integer newSize = size == pipe.batchSize() ? null : size;
        Duration newInterval = millis == pipe.syncInterval().toMillis() ? null : Duration.ofMillis(millis);
        return new PipeEdit(add, remove, newSize, newInterval);
    }

    private void summarize() {
        PipeEdit e;
        try {
            e = edit();
        } catch (IllegalArgumentException bad) {
            summary.set(bad.getMessage());
            return;
        }
        summary.set(EditSummary.of(pipe, e));
    }

    /** Sends the edit; the dialog closes once it is accepted, and stays open with the sentence when it is refused. */
    public void save() {
        if (busy.get() || done.get()) {
            return;
        }
        PipeEdit e;
        try {
            e = edit();
        } catch (IllegalArgumentException bad) {
            errorMessage.set(bad.getMessage());
            return;
        }
        if (e.isEmpty()) {
            done.set(true);
            onSaved.accept(new ControlResult(ControlResult.Outcome.NO_OP, "Nothing changed.", pipe));
            return;
        }
        busy.set(true);
        errorMessage.set("");
        runner.run(() -> backend.edit(pipe.name(), e, actor), result -> {
            busy.set(false);
            if (result.refused()) {
                errorMessage.set("Nothing was changed: " + withStop(result.message()));
                return;
            }
            done.set(true);
            onSaved.accept(result);
        }, error -> {
            busy.set(false);
            if (error instanceof IllegalArgumentException) {
                errorMessage.set("Nothing was changed: " + PipeDisplay.sentence(error));
                return;
            }
            LOG.error("edit of pipe {} failed", pipe.name(), error);
            errorMessage.set("Could not edit pipe " + pipe.name() + ": " + PipeDisplay.sentence(error)
                    + " Check the catalog connection and try again.");
        });
    }

    /** A full stop after the sentence, unless it already ends in one (or in a statement's semicolon). */
    private static String withStop(String s) {
        return s.endsWith(".") || s.endsWith(";") ? s : s + ".";
    }

    private static int positive(String text, String what) {
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

    public String pipeName() { return pipe.name(); }
    public ObservableList<CapturedTable> captured() { return captured; }
    public ObservableList<SourceTableChoice> available() { return available; }
    public StringProperty batchSizeProperty() { return batchSize; }
    public StringProperty syncIntervalMillisProperty() { return syncIntervalMillis; }
    public ReadOnlyStringProperty sourceStatusProperty() { return sourceStatus.getReadOnlyProperty(); }
    /** What happens when the pipe resumes, for what is chosen now. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorMessageProperty() { return errorMessage.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** True once the edit was sent and accepted (or there was nothing to send): the dialog closes. */
    public ReadOnlyBooleanProperty doneProperty() { return done.getReadOnlyProperty(); }
}
