package dev.pipedeck.console;

import java.time.ZoneId;
import dev.pipedeck.console.workers.WorkersViewModel;
import dev.pipedeck.console.workers.WorkersView;
import dev.pipedeck.catalog.Actor;
import dev.pipedeck.console.common.ConsoleBackend;
import dev.pipedeck.console.common.ConsoleData;
import dev.pipedeck.console.common.ConsolePreferences;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.DialogService;
import dev.pipedeck.console.common.FxTaskRunner;
import dev.pipedeck.console.common.JavaFxDialogService;
import dev.pipedeck.console.common.PipeAlerts;
import dev.pipedeck.console.common.RefreshService;
import dev.pipedeck.console.common.ViewLoader;
import dev.pipedeck.console.datasources.DataSourcesView;
import dev.pipedeck.console.datasources.DataSourcesViewModel;
import dev.pipedeck.console.metrics.MetricsView;
import dev.pipedeck.console.metrics.MetricsViewModel;
import dev.pipedeck.console.settings.SettingsView;
import dev.pipedeck.console.settings.SettingsViewModel;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The console window: a header (last update, Refresh, theme), the catalog banner, and the Data Sources, Settings and
 * Metrics tabs. Owns the one refresh service; F5 refreshes at once.
 */
public final class MainWindow implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);
    static final String CSS = "console.css";
    static final String DARK_CSS = "dark.css";

    /** Opens the New pipe dialog over the window. */
    @FunctionalInterface
    public interface NewPipeAction {
        void open(Window owner, ConsoleState state);
    }

    private final ConsoleBackend backend;
    private final ConsoleState state = new ConsoleState();
    private final ConsolePreferences prefs;
    private final FxTaskRunner runner = new FxTaskRunner();
    private final RefreshService refresh;
    private final PipeAlerts alerts = new PipeAlerts();
    private final Actor actor = Actor.of(Actor.Kind.CONSOLE);
    private NewPipeAction newPipe;
    private DialogService dialogs;
    private Consumer<PipeAlerts.Alert> notifier = DesktopNotifier::show;
    private String catalogName;
    private Runnable connectAction;
    private Runnable aboutAction;
    private Runnable quitAction;

    @FXML private BorderPane root;
    @FXML private Label openPipeLabel;
    @FXML private Label updatedLabel;
    @FXML private Label banner;
    @FXML private Button refreshButton;
    @FXML private ToggleButton darkToggle;
    @FXML private TabPane tabs;
    @FXML private Tab dataSourcesTab;
    @FXML private Tab settingsTab;
    @FXML private Tab metricsTab;
    @FXML private Tab workersTab;
    @FXML private MenuItem connectItem;
    @FXML private MenuItem quitItem;
    @FXML private MenuItem aboutItem;
    @FXML private CheckMenuItem darkItem;

    public MainWindow(ConsoleBackend backend, Duration refreshPeriod, ConsolePreferences prefs) {
        this.backend = backend;
        this.prefs = prefs;
        this.refresh = new RefreshService(backend, state::selectedPipe, refreshPeriod, this::applyData, state::applyFailure);
        state.setRefresher(refresh::refreshNow);
    }

    public MainWindow(ConsoleBackend backend, ConsolePreferences prefs) {
        this(backend, RefreshService.DEFAULT_PERIOD, prefs);
    }

    public MainWindow newPipeAction(NewPipeAction action) {
        this.newPipe = action;
        return this;
    }

    public MainWindow dialogs(DialogService service) {
        this.dialogs = service;
        return this;
    }

    public MainWindow notifier(Consumer<PipeAlerts.Alert> n) {
        this.notifier = n;
        return this;
    }

    /** Names the open catalog in the title bar, e.g. {@code pipedeck@db.internal:5432/pipedeck}. */
    public MainWindow catalogName(String name) {
        this.catalogName = name;
        return this;
    }

    /** File → Connect…: switch to another catalog. The menu item is disabled without one. */
    public MainWindow connectAction(Runnable action) {
        this.connectAction = action;
        return this;
    }

    /** Help → About. */
    public MainWindow aboutAction(Runnable action) {
        this.aboutAction = action;
        return this;
    }

    /** File → Quit. */
    public MainWindow quitAction(Runnable action) {
        this.quitAction = action;
        return this;
    }

    /** Loads the window's FXML (and the tabs'); call on the FX thread. */
    public Parent load() {
        return ViewLoader.load(this);
    }

    @FXML
    private void initialize() {
        if (dialogs == null) {
            dialogs = new JavaFxDialogService(() -> root.getScene() == null ? null : root.getScene().getWindow());
        }
        Runnable openNewPipe = newPipe == null ? null : () -> newPipe.open(root.getScene().getWindow(), state);
        dataSourcesTab.setContent(ViewLoader.load(new DataSourcesView(new DataSourcesViewModel(state), openNewPipe)));
        settingsTab.setContent(ViewLoader.load(new SettingsView(new SettingsViewModel(state, backend, dialogs, runner, actor))));
        metricsTab.setContent(ViewLoader.load(new MetricsView(new MetricsViewModel(state, backend, runner), () -> state.data().loadedAt(), metricsTab.selectedProperty())));
        workersTab.setContent(ViewLoader.load(new WorkersView(
                new WorkersViewModel(state, backend, runner, ZoneId.systemDefault()))));
        updatedLabel.textProperty().bind(state.updatedTextProperty());
        openPipeLabel.textProperty().bind(state.selectedPipeProperty().map(n -> "· " + n).orElse(""));
        banner.textProperty().bind(state.bannerTextProperty());
        banner.visibleProperty().bind(state.catalogUnreachableProperty());
        banner.managedProperty().bind(state.catalogUnreachableProperty());
        darkToggle.setSelected(prefs.darkTheme());
        darkItem.selectedProperty().bindBidirectional(darkToggle.selectedProperty());
        connectItem.setDisable(connectAction == null);
        aboutItem.setDisable(aboutAction == null);
        quitItem.setDisable(quitAction == null);
    }

    /** Puts the window on a stage with its stylesheet, title and F5, and starts refreshing. */
    public Scene show(Stage stage) {
        Parent parent = root == null ? load() : root;
        Scene scene = new Scene(parent, 1280, 800);
        scene.getStylesheets().add(MainWindow.class.getResource(CSS).toExternalForm());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), state::refreshNow);
        // Ctrl+1/2/3/4 switch tabs, as in browsers; Tab / arrows / Enter do the rest
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4};
        for (int i = 0; i < digits.length; i++) {
            int index = i;
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCodeCombination.SHORTCUT_DOWN),
                    () -> tabs.getSelectionModel().select(index));
        }
        stage.setScene(scene);
        var icon = MainWindow.class.getResource("icon.png");
        if (icon != null && stage.getIcons().isEmpty()) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        stage.titleProperty().bind(catalogName == null ? state.windowTitleProperty()
                : state.windowTitleProperty().concat(" — " + catalogName));
        applyTheme();
        stage.show();
        refresh.start();
        return scene;
    }

    private void applyData(ConsoleData data) {
        long started = System.nanoTime();
        state.applyData(data);
        long ms = (System.nanoTime() - started) / 1_000_000;
        LOG.debug("applied a refresh of {} pipes in {} ms", data.pipes().size(), ms);
        for (PipeAlerts.Alert a : alerts.check(data, prefs.walAlertThresholdBytes())) {
            try {
                notifier.accept(a);
            } catch (RuntimeException e) {
                LOG.warn("could not show a desktop notification: {}", e.toString());
            }
        }
    }

    @FXML
    private void refresh() {
        state.refreshNow();
    }

    /** Asks for the retained-WAL notification threshold (in GB) and keeps it in the user's preferences. */
    @FXML
    private void editAlerts() {
        double gb = prefs.walAlertThresholdBytes() / (1024.0 * 1024 * 1024);
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(String.format(java.util.Locale.ROOT, "%.1f", gb));
        d.initOwner(root.getScene().getWindow());
        d.getDialogPane().getStylesheets().addAll(root.getScene().getStylesheets());
        d.setTitle("Alerts");
        d.setHeaderText("Notify me when a pipe fails, or when a replication slot retains more WAL than:");
        d.setContentText("GB");
        d.showAndWait().ifPresent(text -> {
            try {
                double v = Double.parseDouble(text.strip().replace(',', '.'));
                if (v > 0) {
                    prefs.setWalAlertThresholdBytes((long) (v * 1024 * 1024 * 1024));
                }
            } catch (NumberFormatException e) {
                LOG.info("ignored alert threshold '{}': not a number", text);
            }
        });
    }

    @FXML
    private void connect() {
        if (connectAction != null) {
            connectAction.run();
        }
    }

    @FXML
    private void about() {
        if (aboutAction != null) {
            aboutAction.run();
        }
    }

    @FXML
    private void quit() {
        if (quitAction != null) {
            quitAction.run();
        }
    }

    @FXML
    private void showDataSources() {
        tabs.getSelectionModel().select(dataSourcesTab);
    }

    @FXML
    private void showSettings() {
        tabs.getSelectionModel().select(settingsTab);
    }

    @FXML
    private void showMetrics() {
        tabs.getSelectionModel().select(metricsTab);
    }

    @FXML
    private void showWorkers() {
        tabs.getSelectionModel().select(workersTab);
    }

    @FXML
    private void toggleTheme() {
        prefs.setDarkTheme(darkToggle.isSelected());
        applyTheme();
    }

    private void applyTheme() {
        if (root.getScene() == null) {
            return;
        }
        var sheets = root.getScene().getStylesheets();
        String dark = MainWindow.class.getResource(DARK_CSS).toExternalForm();
        sheets.remove(dark);
        if (darkToggle.isSelected()) {
            sheets.add(dark);
        }
    }

    public ConsoleState state() {
        return state;
    }

    public RefreshService refreshService() {
        return refresh;
    }

    public TabPane tabs() {
        return tabs;
    }

    @Override
    public void close() {
        refresh.close();
        runner.close();
    }
}
