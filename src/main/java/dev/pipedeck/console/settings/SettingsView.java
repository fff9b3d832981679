package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.PipeLifecycle.Action;
import dev.pipedeck.console.common.StatusBadge;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** The open pipe's configuration, actions and History; thin controller over {@link SettingsViewModel}. */
public final class SettingsView {
    private final SettingsViewModel vm;

    @FXML private VBox content;
    @FXML private Label noPipeLabel;
    @FXML private Label nameLabel;
    @FXML private Label settingsStatus;
    @FXML private StackPane pauseWrapper;
    @FXML private StackPane resumeWrapper;
    @FXML private Button pauseButton;
    @FXML private Button resumeButton;
    @FXML private StackPane editWrapper;
    @FXML private Button editButton;
    @FXML private StackPane resyncWrapper;
    @FXML private Button resyncButton;
    @FXML private StackPane deleteWrapper;
    @FXML private Button deleteButton;
    @FXML private TableView<HistoryRow> historyTable;
    @FXML private TableColumn<HistoryRow, String> historyWhen;
    @FXML private TableColumn<HistoryRow, String> historyWho;
    @FXML private TableColumn<HistoryRow, String> historyWhere;
    @FXML private TableColumn<HistoryRow, String> historyAction;
    @FXML private TableColumn<HistoryRow, String> historyChange;
    @FXML private TableColumn<HistoryRow, String> historyMessage;
    @FXML private Label historyErrorLabel;
    @FXML private Label messageLabel;
    @FXML private Label errorLabel;
    @FXML private Label sourceLabel;
    @FXML private Label destinationLabel;
    @FXML private Label tablesLabel;
    @FXML private Label batchSizeLabel;
    @FXML private Label snapshotSettingsLabel;
    @FXML private Label syncIntervalLabel;
    @FXML private Label slotLabel;
    @FXML private Label publicationLabel;
    @FXML private Label createdLabel;
    @FXML private Label engineLabel;
    @FXML private Label reasonLabel;
    @FXML private Label walBudgetLabel;
    @FXML private Label pendingWorkLabel;

    public SettingsView(SettingsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        var hasPipe = vm.detailsProperty().isNotNull();
        content.visibleProperty().bind(hasPipe);
        noPipeLabel.visibleProperty().bind(hasPipe.not());
        nameLabel.textProperty().bind(vm.nameProperty());
        vm.statusProperty().addListener((o, a, s) -> StatusBadge.show(settingsStatus, s));
        StatusBadge.show(settingsStatus, vm.statusProperty().get());
        pauseButton.disableProperty().bind(vm.canPause().not());
        resumeButton.disableProperty().bind(vm.canResume().not());
        tooltip(pauseWrapper, pauseButton, vm.pauseDisabledReason(), "Pause replication at a transaction boundary");
        tooltip(resumeWrapper, resumeButton, vm.resumeDisabledReason(), "Resume replication from the slot");
        editButton.disableProperty().bind(vm.can(Action.EDIT).not());
        tooltip(editWrapper, editButton, vm.disabledReason(Action.EDIT),
                "Add or remove tables, change the batch size and sync interval of the paused pipe");
        resyncButton.disableProperty().bind(vm.canResync().not());
        Tooltip resyncTip = new Tooltip();
        resyncTip.textProperty().bind(vm.resyncTooltip());
        Tooltip.install(resyncWrapper, resyncTip);
        deleteButton.disableProperty().bind(vm.can(Action.DELETE).not());
        tooltip(deleteWrapper, deleteButton, vm.disabledReason(Action.DELETE),
                "Delete the pipe, its replication slot and publication (destination tables are kept)");
        historyTable.setItems(vm.history());
        column(historyWhen, HistoryRow::when);
        column(historyWho, HistoryRow::who);
        column(historyWhere, HistoryRow::where);
        column(historyAction, HistoryRow::action);
        column(historyChange, HistoryRow::change);
        column(historyMessage, HistoryRow::message);
        historyErrorLabel.textProperty().bind(vm.historyErrorProperty());
        historyErrorLabel.visibleProperty().bind(historyErrorLabel.textProperty().isNotEmpty());
        historyErrorLabel.managedProperty().bind(historyErrorLabel.textProperty().isNotEmpty());
        messageLabel.textProperty().bind(vm.messageProperty());
        errorLabel.textProperty().bind(vm.errorMessageProperty());
        for (Label l : new Label[] {messageLabel, errorLabel}) {
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            l.managedProperty().bind(l.textProperty().isNotEmpty());
        }
        sourceLabel.textProperty().bind(vm.sourceProperty());
        destinationLabel.textProperty().bind(vm.destinationProperty());
        tablesLabel.textProperty().bind(vm.tablesProperty());
        batchSizeLabel.textProperty().bind(vm.batchSizeProperty());
        snapshotSettingsLabel.textProperty().bind(vm.snapshotSettingsProperty());
        syncIntervalLabel.textProperty().bind(vm.syncIntervalProperty());
        slotLabel.textProperty().bind(vm.slotNameProperty());
        publicationLabel.textProperty().bind(vm.publicationNameProperty());
        createdLabel.textProperty().bind(vm.createdProperty());
        engineLabel.textProperty().bind(vm.engineProperty());
        reasonLabel.textProperty().bind(vm.statusReasonProperty());
        walBudgetLabel.textProperty().bind(vm.walBudgetProperty());
        walBudgetLabel.visibleProperty().bind(vm.walBudgetProperty().isNotEmpty());
        walBudgetLabel.managedProperty().bind(vm.walBudgetProperty().isNotEmpty());
        pendingWorkLabel.textProperty().bind(vm.pendingWorkProperty());
        pendingWorkLabel.visibleProperty().bind(vm.pendingWorkProperty().isNotEmpty());
        pendingWorkLabel.managedProperty().bind(vm.pendingWorkProperty().isNotEmpty());
    }

    private static void column(TableColumn<HistoryRow, String> c, Function<HistoryRow, String> value) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    }

    /**
     * A disabled button gets no mouse events, so its tooltip would never show: the reason lives on a wrapper around
     * it, where the pointer still lands.
     */
    private static void tooltip(StackPane wrapper, Button button, StringBinding whyNot, String enabledText) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(
                () -> whyNot.get() == null ? enabledText : whyNot.get(), whyNot));
        Tooltip.install(wrapper, tip);
    }

    @FXML
    private void pause() {
        vm.pause();
    }

    @FXML
    private void resume() {
        vm.resume();
    }

    /** Opens the Edit dialog (its view-model lists the source's tables in the background) and waits until it closes. */
    @FXML
    private void edit() {
        vm.editor().ifPresent(editor -> {
            EditPipeDialog dialog = new EditPipeDialog(editor, editButton.getScene() == null ? null : editButton.getScene().getWindow());
            editor.loadSourceTables();
            dialog.showAndWait();
        });
    }

    @FXML
    private void resync() {
        vm.resync();
    }

    @FXML
    private void delete() {
        vm.delete();
    }
}
