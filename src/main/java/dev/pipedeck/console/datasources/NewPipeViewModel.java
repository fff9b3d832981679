package dev.pipedeck.console.datasources;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SnapshotSettings;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.PipeDisplay;
import dev.pipedeck.console.common.TaskRunner;
import dev.pipedeck.engine.ConnectionChecks;
import dev.pipedeck.control.PipeChecksFailedException;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.source.pg.PostgresSource;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/** The New pipe form: source with its test and table picker, destination with its test, name and sizes; Create. */
public final class NewPipeViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(NewPipeViewModel.class);

    /** Stores a pipe (the application passes PipeControl::create, which runs the checks again and holds the rules). */
    @FunctionalInterface
    public interface PipeCreator {
        Pipe create(PipeSpec spec, Actor actor);
    }

    private final ConnectionChecks checks;
    private final PipeCreator creator;
    private final TaskRunner runner;
    private final ConsoleState state;
    private final Actor actor;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty sourceUrl = new SimpleStringProperty("jdbc:postgresql://host:5432/db?user=replicator&password=");
    private final BooleanProperty duckdb = new SimpleBooleanProperty(false);
    private final StringProperty clickhouseUrl = new SimpleStringProperty("clickhouse://default:@localhost:8123/default");
    private final StringProperty duckdbPath = new SimpleStringProperty("");
    /** A ClickHouse cluster name, added to the URL as {@code ?cluster=NAME} (blank: a single server). */
    private final StringProperty cluster = new SimpleStringProperty("");
    private final StringProperty batchSize = new SimpleStringProperty(String.valueOf(PipeSpec.DEFAULT_BATCH_SIZE));
    private final StringProperty syncIntervalSeconds = new SimpleStringProperty(String.valueOf(PipeSpec.DEFAULT_SYNC_INTERVAL.toSeconds()));
    private final StringProperty rowsPerPartition = new SimpleStringProperty(String.valueOf(SnapshotSettings.DEFAULT_ROWS_PER_PARTITION));
    private final StringProperty readersPerTable = new SimpleStringProperty(String.valueOf(SnapshotSettings.DEFAULT_READERS_PER_TABLE));
    private final StringProperty tablesInParallel = new SimpleStringProperty(String.valueOf(SnapshotSettings.DEFAULT_TABLES_IN_PARALLEL));
    private final ObservableList<TableChoice> tables = FXCollections.observableArrayList();
    private final ObservableList<String> sourceProblems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper sourceResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper destinationResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper created = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding canCreate;

    public NewPipeViewModel(ConnectionChecks checks, PipeCreator creator, TaskRunner runner, ConsoleState state, Actor actor) {
        this.checks = checks;
        this.creator = creator;
        this.runner = runner;
        this.state = state;
        this.actor = actor;
        canCreate = Bindings.createBooleanBinding(() -> !busy.get() && !name.get().isBlank()
                        && tables.stream().anyMatch(t -> t.selectedProperty().get()),
                busy, name, tables);
    }

    /** Lists the source's tables, then runs the source validation for the chosen ones; each problem comes with its fix. */
    public void testSource() {
        if (checks == null) {
            sourceResult.set("Connection checks are not available in this build.");
            return;
        }
        String url = sourceUrl.get();
        busy.set(true);
        sourceProblems.clear();
        sourceResult.set("Testing the source…");
        runner.run(() -> {
            var infos = checks.listTables(url);
            List<TableRef> chosen = infos.stream().filter(i -> i.hasPrimaryKey()).map(i -> i.table()).toList();
            return new SourceAnswer(infos, checks.checkSource(url, chosen.isEmpty() ? infos.stream().map(i -> i.table()).toList() : chosen));
        }, answer -> {
            busy.set(false);
            tables.setAll(answer.tables().stream().map(i -> new TableChoice(i.table(), i.hasPrimaryKey(), i.replicaIdentityFull(), i.estimatedRows())).toList());
            tables.forEach(t -> t.selectedProperty().addListener((o, a, b) -> canCreate.invalidate()));
            sourceProblems.setAll(answer.problems());
            long noKey = tables.stream().filter(t -> !t.hasPrimaryKey()).count();
            sourceResult.set(answer.problems().isEmpty()
                    ? "Source ready: " + tables.size() + " tables" + (noKey > 0 ? ", " + noKey + " without a primary key" : "") + "."
                    : answer.problems().size() + (answer.problems().size() == 1 ? " problem" : " problems") + " to fix before creating the pipe:");
        }, error -> {
            busy.set(false);
            LOG.warn("source test failed", error);
            sourceResult.set("Could not connect to the source: " + PipeDisplay.sentence(error) + " Check the host, port, user and password.");
        });
    }

    private record SourceAnswer(List<PostgresSource.TableInfo> tables, List<String> problems) {}

    public void testDestination() {
        if (checks == null) {
            destinationResult.set("Connection checks are not available in this build.");
            return;
        }
        String url = destinationUrl();
        busy.set(true);
        destinationResult.set("Testing the destination…");
        // the chosen tables' columns the destination cannot hold (read here, on the FX thread; checked in the task)
        String source = sourceUrl.get().strip();
        List<TableRef> chosen = tables.stream().filter(t -> t.selectedProperty().get()).map(TableChoice::table).toList();
        runner.run(() -> {
            String description = checks.checkDestination(url);
            List<String> refused = chosen.isEmpty() ? List.of() : checks.checkTables(source, chosen, url);
            return "Connected: " + description + "." + (refused.isEmpty() ? "" : " " + String.join(" ", refused));
        }, result -> {
            busy.set(false);
            destinationResult.set(result);
        }, error -> {
            busy.set(false);
            destinationResult.set("Could not use the destination: " + PipeDisplay.sentence(error));
        });
    }

    /** Creates the pipe; on success it is opened and the dialog may close ({@link #createdProperty()}). */
    public void create() {
        PipeSpec spec;
        try {
            spec = spec();
        } catch (IllegalArgumentException e) {
            errorMessage.set(PipeDisplay.sentence(e));
            return;
        }
        busy.set(true);
        errorMessage.set("");
        runner.run(() -> creator.create(spec, actor), pipe -> {
            busy.set(false);
            created.set(true);
            state.open(pipe.name());
            state.refreshNow();
        }, error -> {
            busy.set(false);
            if (error instanceof PipeChecksFailedException p) {
                sourceProblems.setAll(p.problems());
                errorMessage.set("The pipe was not created: fix the problems listed above, then try again.");
            } else {
                LOG.warn("create pipe failed", error);
                errorMessage.set("The pipe was not created: " + PipeDisplay.sentence(error));
            }
        });
    }

    PipeSpec spec() {
        List<TableMapping> chosen = tables.stream().filter(t -> t.selectedProperty().get())
                .map(t -> new TableMapping(t.table(), t.table().name())).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("choose at least one table (Test connection lists them)");
        }
        int batch = parsePositive(batchSize.get(), "batch size");
        int seconds = parsePositive(syncIntervalSeconds.get(), "sync interval");
        SnapshotSettings snapshot = new SnapshotSettings(parsePositive(rowsPerPartition.get(), "rows per partition"),
                parsePositive(readersPerTable.get(), "parallel readers per table"),
                parsePositive(tablesInParallel.get(), "tables copied in parallel"));
        return new PipeSpec(name.get().strip(), sourceUrl.get().strip(), destinationUrl(), chosen, batch,
                Duration.ofSeconds(seconds), snapshot);
    }

    String destinationUrl() {
        if (duckdb.get()) {
            return "duckdb:" + duckdbPath.get().strip();
        }
        String url = clickhouseUrl.get().strip();
        String name = cluster.get() == null ? "" : cluster.get().strip();
        if (name.isEmpty() || url.contains("cluster=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "cluster=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int parsePositive(String text, String what) {
        try {
            int v = Integer.parseInt(text.strip().replace(",", "").replace("_", ""));
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a positive whole number (got '" + text + "')");
    }

    public StringProperty nameProperty() { return name; }
    public StringProperty sourceUrlProperty() { return sourceUrl; }
    public BooleanProperty duckdbProperty() { return duckdb; }
    public StringProperty clickhouseUrlProperty() { return clickhouseUrl; }
    public StringProperty duckdbPathProperty() { return duckdbPath; }
    public StringProperty clusterProperty() { return cluster; }
    public StringProperty batchSizeProperty() { return batchSize; }
    public StringProperty syncIntervalSecondsProperty() { return syncIntervalSeconds; }
    /** Advanced: the initial load's {@link SnapshotSettings}. */
    public StringProperty rowsPerPartitionProperty() { return rowsPerPartition; }
    public StringProperty readersPerTableProperty() { return readersPerTable; }
    public StringProperty tablesInParallelProperty() { return tablesInParallel; }
    public ObservableList<TableChoice> tables() { return tables; }
    public ObservableList<String> sourceProblems() { return sourceProblems; }
    public ReadOnlyStringProperty sourceResultProperty() { return sourceResult.getReadOnlyProperty(); }
    public ReadOnlyStringProperty destinationResultProperty() { return destinationResult.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorMessageProperty() { return errorMessage.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty createdProperty() { return created.getReadOnlyProperty(); }
    public BooleanBinding canCreate() { return canCreate; }
}
