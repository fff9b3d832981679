package dev.pipedeck.console.workers;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.beans.property.SimpleStringProperty;

import java.util.function.Function;

/** The Workers tab (thin: binds {@link WorkersViewModel}). */
public final class WorkersView {
    private final WorkersViewModel vm;
    @FXML private Label summaryLabel;
    @FXML private TableView<WorkerRow> workersTable;
    @FXML private TableColumn<WorkerRow, String> idColumn;
    @FXML private TableColumn<WorkerRow, String> stateColumn;
    @FXML private TableColumn<WorkerRow, String> pipesColumn;
    @FXML private TableColumn<WorkerRow, String> heartbeatColumn;
    @FXML private TableColumn<WorkerRow, String> hostColumn;
    @FXML private TableColumn<WorkerRow, String> versionColumn;
    @FXML private TableColumn<WorkerRow, String> startedColumn;

    public WorkersView(WorkersViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(vm.summaryProperty());
        workersTable.setItems(vm.rows());
        workersTable.setPlaceholder(new Label("No workers have registered yet."));
        text(idColumn, WorkerRow::id);
        text(stateColumn, WorkerRow::state);
        text(pipesColumn, WorkerRow::pipes);
        text(heartbeatColumn, WorkerRow::heartbeat);
        text(hostColumn, WorkerRow::host);
        text(versionColumn, WorkerRow::version);
        text(startedColumn, WorkerRow::started);
        stateColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                WorkerRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("worker-attention");
                if (row != null && row.attention()) {
                    getStyleClass().add("worker-attention");
                }
            }
        });
    }

    private static void text(TableColumn<WorkerRow, String> column, Function<WorkerRow, String> value) {
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
    }
}
