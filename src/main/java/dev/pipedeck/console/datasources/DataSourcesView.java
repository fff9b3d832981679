package dev.pipedeck.console.datasources;

import dev.pipedeck.catalog.LagText;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.common.Cells;
import dev.pipedeck.console.common.PipeDisplay;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;

import java.time.Instant;

/** The pipes table: thin controller, everything it shows comes from {@link DataSourcesViewModel}. */
public final class DataSourcesView {
    private final DataSourcesViewModel vm;
    private final Runnable onNewPipe;

    @FXML private TextField filterField;
    @FXML private Button newPipeButton;
    @FXML private Label summaryLabel;
    @FXML private Label emptyLabel;
    @FXML private VBox emptyState;
    @FXML private TableView<PipeItem> pipesTable;
    @FXML private TableColumn<PipeItem, String> nameColumn;
    @FXML private TableColumn<PipeItem, PipeStatus> statusColumn;
    @FXML private TableColumn<PipeItem, String> sourceColumn;
    @FXML private TableColumn<PipeItem, String> destinationColumn;
    @FXML private TableColumn<PipeItem, Long> rowsColumn;
    @FXML private TableColumn<PipeItem, PipeRow> walColumn;
    @FXML private TableColumn<PipeItem, Instant> lastSyncedColumn;
    @FXML private TableColumn<PipeItem, Double> lagColumn;

    /** @param onNewPipe opens the New pipe dialog; null disables the button */
    public DataSourcesView(DataSourcesViewModel vm, Runnable onNewPipe) {
        this.vm = vm;
        this.onNewPipe = onNewPipe;
    }

    @FXML
    private void initialize() {
        Cells.text(nameColumn, PipeItem::rowProperty, PipeRow::name, s -> s);
        Cells.status(statusColumn, PipeItem::rowProperty, PipeRow::status);
        Cells.text(sourceColumn, PipeItem::rowProperty, PipeRow::source, s -> s);
        Cells.text(destinationColumn, PipeItem::rowProperty, PipeRow::destination, s -> s);
        Cells.numeric(rowsColumn, PipeItem::rowProperty, PipeRow::rowsSynced, n -> String.format("%,d", n));
        Cells.numeric(walColumn, PipeItem::rowProperty, r -> r, r -> r == null ? "—" : r.walText());
        Cells.text(lastSyncedColumn, PipeItem::rowProperty, PipeRow::lastSyncedAt, PipeDisplay::time);
        Cells.numeric(lagColumn, PipeItem::rowProperty, PipeRow::lagSeconds, s -> s == null ? "—" : LagText.of(s));
        lagColumn.setComparator(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        // nulls (no sample yet, never synced) sort first, like an empty cell would
        walColumn.setComparator(java.util.Comparator.comparing(PipeRow::retainedWalBytes,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        lastSyncedColumn.setComparator(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        statusColumn.setComparator(java.util.Comparator.comparing(PipeStatus::label));

        SortedList<PipeItem> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(pipesTable.comparatorProperty());
        pipesTable.setItems(sorted);
        pipesTable.setRowFactory(t -> {
            TableRow<PipeItem> row = new TableRow<>();
            // the status and why (e.g. Modifying: the tables an edit added are copied first), on the whole line
            row.tooltipProperty().bind(row.itemProperty().flatMap(PipeItem::rowProperty).map(r -> new Tooltip(r.statusText())));
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty() && e.getButton() == MouseButton.PRIMARY) {
                    vm.open(row.getItem().name());
                }
            });
            return row;
        });
        pipesTable.setOnKeyPressed(e -> {
            PipeItem selected = pipesTable.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                vm.open(selected.name());
                e.consume();
            }
        });
        // rows are replaced on refresh: keep the open pipe selected
        sorted.addListener((ListChangeListener<PipeItem>) c -> reselect());
        vm.selectedPipeProperty().addListener((o, a, b) -> reselect());

        filterField.textProperty().bindBidirectional(vm.filterTextProperty());
        summaryLabel.textProperty().bind(vm.summaryProperty());
        emptyLabel.setText(vm.emptyText());
        emptyState.visibleProperty().bind(vm.empty());
        emptyState.managedProperty().bind(vm.empty());
        pipesTable.visibleProperty().bind(vm.empty().not());
        newPipeButton.setDisable(onNewPipe == null);
    }

    private void reselect() {
        String open = vm.selectedPipeProperty().get();
        PipeItem current = pipesTable.getSelectionModel().getSelectedItem();
        if (open == null || (current != null && current.name().equals(open))) {
            return;
        }
        for (int i = 0; i < pipesTable.getItems().size(); i++) {
            if (pipesTable.getItems().get(i).name().equals(open)) {
                pipesTable.getSelectionModel().select(i);
                return;
            }
        }
    }

    @FXML
    private void newPipe() {
        if (onNewPipe != null) {
            onNewPipe.run();
        }
    }
}
