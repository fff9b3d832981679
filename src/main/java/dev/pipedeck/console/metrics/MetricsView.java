package dev.pipedeck.console.metrics;

import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.console.common.Cells;
import dev.pipedeck.console.common.PipeDisplay;
import dev.pipedeck.console.common.StatusBadge;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Status, counts, charts and tables of the open pipe; thin controller over {@link MetricsViewModel}. */
public final class MetricsView {
    private final MetricsViewModel vm;
    private final java.util.function.Supplier<Instant> now;

    @FXML private ScrollPane content;
    @FXML private Label noPipeLabel;
    @FXML private Label metricsStatus;
    @FXML private Label sinceLabel;
    @FXML private Label reasonLabel;
    @FXML private Label consistentLabel;
    @FXML private Label slotWarning;
    @FXML private Label rowsSyncedLabel;
    @FXML private Label rowsByKindLabel;
    @FXML private Label initialLoadLabel;
    @FXML private Label retainedLabel;
    @FXML private Label walStatusLabel;
    @FXML private Label headroomLabel;
    @FXML private LineChart<Number, Number> throughputChart;
    @FXML private AreaChart<Number, Number> slotChart;
    @FXML private NumberAxis throughputX;
    @FXML private NumberAxis slotX;
    @FXML private Button verifyButton;
    @FXML private Label verifyProgressLabel;
    @FXML private Label verifyResultLabel;
    @FXML private Label lagLabel;
    @FXML private Label forecastLabel;
    @FXML private LineChart<Number, Number> lagChart;
    @FXML private NumberAxis lagX;
    @FXML private VBox errorBox;
    @FXML private Label lastErrorLabel;
    @FXML private Label lastErrorFixLabel;
    @FXML private TableView<BatchRow> batchesTable;
    @FXML private TableColumn<BatchRow, Long> batchIdColumn;
    @FXML private TableColumn<BatchRow, String> batchKindColumn;
    @FXML private TableColumn<BatchRow, Instant> batchStartColumn;
    @FXML private TableColumn<BatchRow, Duration> batchDurationColumn;
    @FXML private TableColumn<BatchRow, Long> batchRowsColumn;
    @FXML private TableColumn<BatchRow, String> batchLsnColumn;
    @FXML private TableView<TableRow> tablesTable;
    @FXML private TableColumn<TableRow, String> tableSourceColumn;
    @FXML private TableColumn<TableRow, String> tableDestinationColumn;
    @FXML private TableColumn<TableRow, Long> tableSnapshotColumn;
    @FXML private TableColumn<TableRow, Long> tableInsertsColumn;
    @FXML private TableColumn<TableRow, Long> tableUpdatesColumn;
    @FXML private TableColumn<TableRow, Long> tableDeletesColumn;
    @FXML private TableColumn<TableRow, TableRow> tableProgressColumn;

    private final javafx.beans.value.ObservableValue<Boolean> showing;

    /**
     * @param now     the chart's "now" (the time of the data shown), so the x axis reads "minutes ago"
     * @param showing whether the tab is on screen: charts are re-plotted only then (and once when it comes back)
     */
    public MetricsView(MetricsViewModel vm, java.util.function.Supplier<Instant> now,
                       javafx.beans.value.ObservableValue<Boolean> showing) {
        this.vm = vm;
        this.now = now;
        this.showing = showing;
    }

    @FXML
    private void initialize() {
        content.visibleProperty().bind(vm.hasPipeProperty());
        noPipeLabel.visibleProperty().bind(vm.hasPipeProperty().not());
        vm.statusProperty().addListener((o, a, s) -> StatusBadge.show(metricsStatus, s));
        StatusBadge.show(metricsStatus, vm.statusProperty().get());
        sinceLabel.textProperty().bind(vm.sinceProperty());
        reasonLabel.textProperty().bind(vm.statusReasonProperty());
        consistentLabel.textProperty().bind(vm.consistentAsOfProperty());
        showWhen(consistentLabel, vm.consistentAsOfProperty().isNotEmpty());
        slotWarning.setText("⚠ " + MetricsViewModel.SLOT_WARNING + ": the source keeps WAL for this pipe until it resumes.");
        showWhen(slotWarning, vm.slotWarningProperty());
        rowsSyncedLabel.textProperty().bind(vm.rowsSyncedProperty());
        rowsByKindLabel.textProperty().bind(vm.rowsByKindProperty());
        initialLoadLabel.textProperty().bind(vm.initialLoadProperty());
        initialLoadLabel.managedProperty().bind(initialLoadLabel.textProperty().isNotEmpty());
        retainedLabel.textProperty().bind(vm.retainedWalProperty());
        walStatusLabel.textProperty().bind(vm.walStatusProperty().concat("").map(s -> "wal_status: " + s));
        headroomLabel.textProperty().bind(vm.headroomProperty().map(s -> "headroom: " + s));
        lastErrorLabel.textProperty().bind(vm.lastErrorProperty());
        lastErrorFixLabel.textProperty().bind(vm.lastErrorFixProperty().map(s -> "Suggested fix: " + s));
        showWhen(errorBox, vm.lastErrorProperty().isNotEmpty());

        minutesAgo(throughputX);
        minutesAgo(slotX);
        XYChart.Series<Number, Number> throughput = new XYChart.Series<>();
        throughput.setName("rows/s");
        throughputChart.getData().add(throughput);
        XYChart.Series<Number, Number> retained = new XYChart.Series<>();
        retained.setName("retained WAL");
        XYChart.Series<Number, Number> backlog = new XYChart.Series<>();
        backlog.setName("backlog");
        slotChart.getData().addAll(List.of(retained, backlog));
        follow(vm.throughput(), throughput);
        follow(vm.retainedSeries(), retained);
        follow(vm.backlogSeries(), backlog);
        verifyButton.setVisible(vm.canVerify());
        verifyButton.setManaged(vm.canVerify());
        verifyButton.disableProperty().bind(vm.verifyingProperty());
        verifyButton.setTooltip(new Tooltip("Compare the source with the destination row by row"));
        verifyProgressLabel.textProperty().bind(vm.verifyProgressProperty());
        verifyResultLabel.textProperty().bind(vm.verifyResultProperty());
        showWhen(verifyResultLabel, vm.verifyResultProperty().isNotEmpty());
        vm.verifyMatchesProperty().addListener((o, a, ok) -> {
            verifyResultLabel.getStyleClass().removeAll("error-text", "success-text");
            if (ok != null) {
                verifyResultLabel.getStyleClass().add(ok ? "success-text" : "error-text");
            }
        });
        lagLabel.textProperty().bind(vm.lagProperty());
        forecastLabel.textProperty().bind(vm.forecastProperty());
        minutesAgo(lagX);
        XYChart.Series<Number, Number> lag = new XYChart.Series<>();
        lag.setName("lag (s)");
        lagChart.getData().add(lag);
        follow(vm.lagSeries(), lag);

        Cells.numeric(batchIdColumn, BatchRow::id, String::valueOf);
        Cells.text(batchKindColumn, BatchRow::kind, s -> s);
        Cells.text(batchStartColumn, BatchRow::startedAt, PipeDisplay::time);
        Cells.numeric(batchDurationColumn, BatchRow::duration, d -> d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s");
        Cells.numeric(batchRowsColumn, BatchRow::rows, n -> String.format("%,d", n));
        Cells.text(batchLsnColumn, BatchRow::lsnRange, s -> s);
        batchesTable.setItems(vm.batches());

        Cells.text(tableSourceColumn, TableRow::sourceTable, s -> s);
        Cells.text(tableDestinationColumn, TableRow::destinationTable, s -> s);
        Cells.numeric(tableSnapshotColumn, TableRow::snapshotRows, n -> String.format("%,d", n));
        Cells.numeric(tableInsertsColumn, TableRow::inserts, n -> String.format("%,d", n));
        Cells.numeric(tableUpdatesColumn, TableRow::updates, n -> String.format("%,d", n));
        Cells.numeric(tableDeletesColumn, TableRow::deletes, n -> String.format("%,d", n));
        tableProgressColumn.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        tableProgressColumn.setCellFactory(c -> new ProgressCell());
        tablesTable.setItems(vm.tables());
    }

    @FXML
    private void verify() {
        vm.verify();
    }

    private static void showWhen(javafx.scene.Node node, javafx.beans.value.ObservableValue<Boolean> condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private static void minutesAgo(NumberAxis axis) {
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n.intValue() == 0 ? "now" : -n.intValue() + " min";
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
    }

    /** Re-plots a series whenever its points change (the whole series at once: one layout pass, not one per point). */
    private void follow(ObservableList<ChartPoint> points, XYChart.Series<Number, Number> series) {
        boolean[] stale = {false};
        Runnable plot = () -> {
            if (!showing.getValue()) {
                stale[0] = true;
                return;
            }
            stale[0] = false;
            Instant t = now.get();
            List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
            for (ChartPoint p : points) {
                data.add(new XYChart.Data<>(Duration.between(t, p.at()).toMillis() / 60_000.0, p.value()));
            }
            series.getData().setAll(data);
        };
        points.addListener((ListChangeListener<ChartPoint>) c -> plot.run());
        showing.addListener((o, a, visible) -> {
            if (visible && stale[0]) {
                plot.run();
            }
        });
        plot.run();
    }

    /** Snapshot progress as a bar with its text. */
    private static final class ProgressCell extends TableCell<TableRow, TableRow> {
        private final ProgressBar bar = new ProgressBar();
        private final Label text = new Label();
        private final HBox box = new HBox(8, bar, text);

        ProgressCell() {
            bar.setPrefWidth(100);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(TableRow item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            // unknown size shows as empty, not as an endless animation in every row
            bar.setProgress(Math.max(0, item.snapshotProgress()));
            text.setText(item.snapshotText());
            setGraphic(box);
        }
    }
}
