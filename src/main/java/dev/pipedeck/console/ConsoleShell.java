package dev.pipedeck.console;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.CatalogProbe;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.console.common.CatalogBackend;
import dev.pipedeck.console.common.ConsolePreferences;
import dev.pipedeck.console.common.FxTaskRunner;
import dev.pipedeck.console.common.ViewLoader;
import dev.pipedeck.console.start.CatalogOpener;
import dev.pipedeck.console.start.RecentCatalogs;
import dev.pipedeck.console.start.StartView;
import dev.pipedeck.console.start.StartViewModel;
import dev.pipedeck.demo.DemoEnvironment;
import dev.pipedeck.demo.DemoOptions;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.stage.Modality;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The console's one window and what it shows: the start screen (no catalog yet) or a catalog's tabs. Opens catalogs
 * and the demo for the start screen (off the FX thread), switches catalogs (File → Connect…), shows Help → About,
 * and remembers the window between runs.
 */
final class ConsoleShell implements CatalogOpener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleShell.class);
    static final String START_TITLE = "PipeDeck";

    /**
     * What the shell depends on, so tests can point it at temporary places.
     *
     * @param runWorker run the catalog's pipes in this process (local mode)
     */
    record Setup(ConsolePreferences prefs, SecretBox secrets, DemoOptions demo, AboutDialog.Places places,
                 Consumer<URI> folderOpener, boolean runWorker, String workerId) {}

    private final Stage stage;
    private final Setup setup;
    private final RecentCatalogs recents;
    private final FxTaskRunner runner = new FxTaskRunner();
    private volatile CatalogSession session;
    private Stage connectDialog;
    private boolean closed;

    ConsoleShell(Stage stage, Setup setup) {
        this.stage = stage;
        this.setup = setup;
        this.recents = new RecentCatalogs(setup.prefs().node("catalogs"), setup.secrets());
        var icon = ConsoleShell.class.getResource("icon.png");
        if (icon != null && stage.getIcons().isEmpty()) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        WindowMemory.manage(stage, setup.prefs());
    }

    /** The start screen, with a sentence on top when something went wrong before (FX thread). */
    void showStart(String problem) {
        StartViewModel vm = new StartViewModel(this, recents, runner);
        if (problem != null) {
            vm.showProblem(problem);
        }
        StartView view = new StartView(vm);
        Parent root = ViewLoader.load(view);
        stage.titleProperty().unbind();
        stage.setTitle(START_TITLE);
        stage.setScene(styled(new Scene(root, 1100, 680)));
        stage.show();
        view.focusFirst();
    }

    /** Puts a catalog's window on the stage and closes the one it replaces (FX thread). */
    void showSession(CatalogSession next) {
        if (closed) {
            next.closeInBackground();
            return;
        }
        CatalogSession previous = session;
        session = next;
        List<AutoCloseable> newPipeParts = new ArrayList<>();
        MainWindow window = new MainWindow(new CatalogBackend(next.catalog()), setup.prefs())
                .newPipeAction(NewPipeWiring.action(next.catalog(), newPipeParts))
                .catalogName(next.name())
                .connectAction(this::openConnectDialog)
                .aboutAction(this::showAbout)
                .quitAction(stage::close);
        newPipeParts.forEach(next::closeLater);
        window.show(stage);
        WindowMemory.manageTabs(window.tabs(), setup.prefs());
        next.attach(window);
        if (previous != null) {
            previous.closeInBackground();
        }
        if (setup.runWorker()) {
            next.startWorker(setup.secrets(), setup.workerId());
        }
    }

    CatalogSession session() {
        return session;
    }

    // --- CatalogOpener: called off the FX thread by the start screen ---

    @Override
    public String test(String jdbcUrl) {
        return CatalogProbe.check(jdbcUrl).describe();
    }

    @Override
    public Runnable open(String jdbcUrl, String name) {
        Catalog catalog = Catalog.open(jdbcUrl, 4, true);
        CatalogSession next = new CatalogSession(catalog, name, null);
        return () -> showSession(next);
    }

    @Override
    public Runnable openDemo() {
        CatalogSession current = session;
        if (current != null && current.isDemo()) {
            throw new IllegalStateException("the demo is already open in this window");
        }
        DemoEnvironment demo = DemoEnvironment.start(setup.demo());
        Catalog catalog;
        try {
            catalog = Catalog.open(demo.catalogUrl(), 4, false);
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        demo.closeFirst(catalog);
        CatalogSession next = new CatalogSession(catalog, "demo catalog " + demoAddress(demo), demo);
        return () -> showSession(next);
    }

    static String demoAddress(DemoEnvironment demo) {
        return "127.0.0.1:" + demo.server().port() + "/" + DemoEnvironment.CATALOG_DATABASE;
    }

    /** File → Connect…: the start screen in a dialog over the window; a catalog opened there replaces this one. */
    void openConnectDialog() {
        if (connectDialog != null && connectDialog.isShowing()) {
            connectDialog.requestFocus();
            return;
        }
        Stage dialog = new Stage();
        dialog.initOwner(stage);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("Connect to a catalog — PipeDeck");
        CatalogOpener viaDialog = new CatalogOpener() {
            @Override
            public String test(String jdbcUrl) {
                return ConsoleShell.this.test(jdbcUrl);
            }

            @Override
            public Runnable open(String jdbcUrl, String name) {
                return closingDialog(ConsoleShell.this.open(jdbcUrl, name));
            }

            @Override
            public Runnable openDemo() {
                return closingDialog(ConsoleShell.this.openDemo());
            }

            private Runnable closingDialog(Runnable show) {
                return () -> {
                    dialog.close();
                    show.run();
                };
            }
        };
        StartView view = new StartView(new StartViewModel(viaDialog, recents, runner));
        Scene scene = styled(new Scene(ViewLoader.load(view), 1000, 600));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), dialog::close);
        dialog.setScene(scene);
        dialog.getIcons().setAll(stage.getIcons());
        connectDialog = dialog;
        dialog.show();
        view.focusFirst();
    }

    void showAbout() {
        AboutDialog.show(stage, setup.places(), setup.folderOpener());
    }

    private Scene styled(Scene scene) {
        scene.getStylesheets().add(MainWindow.class.getResource(MainWindow.CSS).toExternalForm());
        if (setup.prefs().darkTheme()) {
            scene.getStylesheets().add(MainWindow.class.getResource(MainWindow.DARK_CSS).toExternalForm());
        }
        return scene;
    }

    /** Closes the open catalog (blocking: the worker pauses its pipes); called when the application stops. */
    @Override
    public void close() {
        closed = true;
        if (connectDialog != null) {
            connectDialog.close();
        }
        CatalogSession s = session;
        if (s != null) {
            s.close();
        }
        runner.close();
        setup.prefs().flush();
        LOG.debug("console closed");
    }
}
