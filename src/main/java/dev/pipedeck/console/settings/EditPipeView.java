package dev.pipedeck.console.settings;

import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The Edit dialog's form; thin controller over {@link EditPipeViewModel}. */
public final class EditPipeView {
    private final EditPipeViewModel vm;

    @FXML private ListView<CapturedTable> capturedList;
    @FXML private Label sourceStatusLabel;
    @FXML private ListView<SourceTableChoice> availableList;
    @FXML private TextField editBatchSizeField;
    @FXML private TextField editSyncIntervalField;
    @FXML private Label editSummaryLabel;
    @FXML private Label editErrorLabel;

    public EditPipeView(EditPipeViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        capturedList.setItems(vm.captured());
        capturedList.setCellFactory(l -> new CapturedCell());
        availableList.setItems(vm.available());
        availableList.setCellFactory(l -> new ChoiceCell());
        availableList.setPlaceholder(new Label("The source's tables are listed here once they are read."));
        sourceStatusLabel.textProperty().bind(vm.sourceStatusProperty());
        editBatchSizeField.textProperty().bindBidirectional(vm.batchSizeProperty());
        editSyncIntervalField.textProperty().bindBidirectional(vm.syncIntervalMillisProperty());
        editSummaryLabel.textProperty().bind(vm.summaryProperty());
        editErrorLabel.textProperty().bind(vm.errorMessageProperty());
        editErrorLabel.visibleProperty().bind(vm.errorMessageProperty().isNotEmpty());
        editErrorLabel.managedProperty().bind(vm.errorMessageProperty().isNotEmpty());
    }

    /** A captured table: its check box (tick to remove) and where it lands. */
    private static final class CapturedCell extends ListCell<CapturedTable> {
        private final CheckBox box = new CheckBox();
        private final Label note = new Label();
        private final HBox row = new HBox(12, box, note);
        private CapturedTable bound;

        CapturedCell() {
            box.getStyleClass().add("remove-table");
            box.setMnemonicParsing(false);
            note.getStyleClass().add("muted");
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(CapturedTable item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                box.selectedProperty().unbindBidirectional(bound.removeProperty());
                bound = null;
            }
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            bound = item;
            box.setText(item.table());
            box.selectedProperty().bindBidirectional(item.removeProperty());
            note.setText(item.note());
            setGraphic(row);
        }
    }

    /** A source table: its check box (tick to add), what is known of it, and the destination name to use. */
    private static final class ChoiceCell extends ListCell<SourceTableChoice> {
        private final CheckBox box = new CheckBox();
        private final Label note = new Label();
        private final TextField destination = new TextField();
        private final Region gap = new Region();
        private final HBox row = new HBox(12, box, note, gap, destination);
        private SourceTableChoice bound;

        ChoiceCell() {
            box.getStyleClass().add("add-table");
            box.setMnemonicParsing(false);
            note.getStyleClass().add("muted");
            destination.getStyleClass().add("add-table-destination");
            destination.setPrefColumnCount(14);
            HBox.setHgrow(gap, Priority.ALWAYS);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(SourceTableChoice item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                box.selectedProperty().unbindBidirectional(bound.addProperty());
                destination.textProperty().unbindBidirectional(bound.destinationProperty());
                bound = null;
            }
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            bound = item;
            box.setText(item.table());
            box.setSelected(false);
            box.setDisable(item.captured());
            if (!item.captured()) {
                box.selectedProperty().bindBidirectional(item.addProperty());
            }
            note.setText(item.note());
            destination.setPromptText("destination: " + item.tableRef().name());
            destination.setVisible(!item.captured());
            destination.disableProperty().unbind();
            if (!item.captured()) {
                destination.textProperty().bindBidirectional(item.destinationProperty());
                destination.disableProperty().bind(item.addProperty().not());
            } else {
                destination.setText("");
                destination.setDisable(true);
            }
            setGraphic(row);
        }
    }
}
