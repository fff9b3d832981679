package dev.pipedeck.console.datasources;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;

/** The New pipe form; thin controller over {@link NewPipeViewModel}. */
public final class NewPipeView {
    private final NewPipeViewModel vm;

    @FXML private TextField sourceField;
    @FXML private Button testSourceButton;
    @FXML private Label sourceResultLabel;
    @FXML private ListView<String> problemsList;
    @FXML private ListView<TableChoice> tablesList;
    @FXML private RadioButton clickhouseRadio;
    @FXML private RadioButton duckdbRadio;
    @FXML private TextField clickhouseField;
    @FXML private TextField duckdbField;
    @FXML private javafx.scene.layout.HBox clusterRow;
    @FXML private TextField clusterField;
    @FXML private Button testDestinationButton;
    @FXML private Label destinationResultLabel;
    @FXML private TextField nameField;
    @FXML private TextField batchSizeField;
    @FXML private TextField syncIntervalField;
    @FXML private TextField rowsPerPartitionField;
    @FXML private TextField readersPerTableField;
    @FXML private TextField tablesInParallelField;
    @FXML private Label errorLabel;

    public NewPipeView(NewPipeViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        sourceField.textProperty().bindBidirectional(vm.sourceUrlProperty());
        sourceResultLabel.textProperty().bind(vm.sourceResultProperty());
        problemsList.setItems(vm.sourceProblems());
        problemsList.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.sourceProblems()));
        problemsList.managedProperty().bind(problemsList.visibleProperty());
        tablesList.setItems(vm.tables());
        tablesList.setCellFactory(CheckBoxListCell.forListView(TableChoice::selectedProperty));
        tablesList.setPlaceholder(new Label("Test the source connection to list its tables."));
        duckdbRadio.selectedProperty().bindBidirectional(vm.duckdbProperty());
        clickhouseRadio.setSelected(!vm.duckdbProperty().get());
        clickhouseField.textProperty().bindBidirectional(vm.clickhouseUrlProperty());
        duckdbField.textProperty().bindBidirectional(vm.duckdbPathProperty());
        clickhouseField.visibleProperty().bind(vm.duckdbProperty().not());
        duckdbField.visibleProperty().bind(vm.duckdbProperty());
        clusterField.textProperty().bindBidirectional(vm.clusterProperty());
        clusterRow.visibleProperty().bind(vm.duckdbProperty().not());
        clusterRow.managedProperty().bind(clusterRow.visibleProperty());
        destinationResultLabel.textProperty().bind(vm.destinationResultProperty());
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        batchSizeField.textProperty().bindBidirectional(vm.batchSizeProperty());
        syncIntervalField.textProperty().bindBidirectional(vm.syncIntervalSecondsProperty());
        rowsPerPartitionField.textProperty().bindBidirectional(vm.rowsPerPartitionProperty());
        readersPerTableField.textProperty().bindBidirectional(vm.readersPerTableProperty());
        tablesInParallelField.textProperty().bindBidirectional(vm.tablesInParallelProperty());
        errorLabel.textProperty().bind(vm.errorMessageProperty());
        testSourceButton.disableProperty().bind(vm.busyProperty());
        testDestinationButton.disableProperty().bind(vm.busyProperty());
    }

    @FXML
    private void testSource() {
        vm.testSource();
    }

    @FXML
    private void testDestination() {
        vm.testDestination();
    }
}
