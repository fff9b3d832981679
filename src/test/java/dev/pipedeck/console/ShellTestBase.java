package dev.pipedeck.console;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.NewPipe;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.console.common.ConsolePreferences;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.demo.DemoOptions;
import dev.pipedeck.testing.TestPostgres;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Opens the real console shell (start screen, catalog windows, menus) headless on real catalogs in the embedded
 * Postgres, with preferences in a node of its own per test. Fails a test on any exception that escapes on the FX
 * thread.
 */
abstract class ShellTestBase extends FxRobot {
    protected static final SecretBox SECRETS = new SecretBox("shell-test-key".getBytes(StandardCharsets.UTF_8));

    @TempDir
    protected Path temp;
    protected String prefsPath;
    protected Stage stage;
    protected ConsoleShell shell;
    protected final List<URI> openedFolders = new CopyOnWriteArrayList<>();
    private final List<Throwable> fxErrors = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previousHandler;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void catchFxErrors() {
        prefsPath = "dev/pipedeck/console-shell-test/" + UUID.randomUUID();
        interact(() -> {
            Thread fx = Thread.currentThread();
            previousHandler = fx.getUncaughtExceptionHandler();
            fx.setUncaughtExceptionHandler((t, e) -> {
                fxErrors.add(e);
                e.printStackTrace();
            });
        });
    }

    @AfterEach
    void closeShellAndCheckFxErrors() throws Exception {
        if (shell != null) {
            ConsoleShell s = shell;
            interact(() -> {
                s.close();
                stage.hide();
            });
            shell = null;
        }
        FxToolkit.cleanupStages();
        interact(() -> Thread.currentThread().setUncaughtExceptionHandler(previousHandler));
        try {
            Preferences.userRoot().node(prefsPath).removeNode();
        } catch (BackingStoreException | IllegalStateException e) {
            // already gone
        }
        assertEquals(List.of(), fxErrors, "exceptions escaped on the FX thread");
    }

    protected ConsolePreferences prefs() {
        return new ConsolePreferences(Preferences.userRoot().node(prefsPath));
    }

    /** Opens a new shell on a new stage, as a launch of the application does. */
    protected ConsoleShell launch() {
        ConsolePreferences prefs = prefs();
        AboutDialog.Places places = new AboutDialog.Places(temp.resolve("logs"), temp.resolve("home"), "test preferences " + prefsPath);
        ConsoleShell.Setup setup = new ConsoleShell.Setup(prefs, SECRETS,
                DemoOptions.defaults(System.out).withDir(temp.resolve("demo")).withRowsPerSecond(5), places,
                openedFolders::add, false, "shell-test");
        interact(() -> {
            stage = new Stage();
            stage.setMinWidth(960);
            stage.setMinHeight(600);
            shell = new ConsoleShell(stage, setup);
        });
        return shell;
    }

    /** Opens a catalog as the start screen would: connects off the FX thread, shows it on the FX thread. */
    protected void openCatalog(String url, String name) {
        Runnable show = shell.open(url, name);
        interact(show);
    }

    /** A new catalog database (user postgres, no password) with the given pipes in it. */
    protected static String catalogWithPipes(String prefix, String... pipes) {
        String database = TestPostgres.newDatabase(prefix);
        String url = TestPostgres.jdbcUrl(database) + "?user=postgres";
        try (Catalog catalog = Catalog.open(url)) {
            PipeRepository repo = new PipeRepository(catalog.dataSource());
            for (String name : pipes) {
                String slot = PipeControl.slotName(name);
                repo.insert(new NewPipe(name, "jdbc:postgresql://db.internal:5432/shop?user=replicator", "replicator", null,
                        "duckdb:/tmp/" + name + ".duckdb", null,
                        List.of(new TableMapping(new TableRef("public", "orders"), "orders")),
                        10_000, Duration.ofSeconds(1), 2, slot, slot, "test"), Actor.of(Actor.Kind.TEST));
            }
        }
        return database;
    }

    protected void waitUntil(long seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                AtomicBoolean result = new AtomicBoolean();
                CountDownLatch done = new CountDownLatch(1);
                Platform.runLater(() -> {
                    try {
                        result.set(condition.call());
                    } catch (Exception e) {
                        result.set(false);
                    } finally {
                        done.countDown();
                    }
                });
                done.await(5, TimeUnit.SECONDS);
                return result.get();
            });
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }

    protected boolean pipeShown(String name) {
        return lookup(n -> n instanceof TableCell<?, ?> c && name.equals(c.getText()) && n.isVisible() && n.getScene() != null
                && n.getScene().getWindow() == stage).tryQuery().isPresent();
    }

    /** Replaces a text field's content by typing, as a user does. */
    protected void typeInto(String query, String text) {
        Node field = lookup(query).query();
        clickOn(field);
        interact(() -> ((TextInputControl) field).clear());
        if (!text.isEmpty()) {
            write(text);
        }
    }

    protected String title() {
        return stage.getTitle();
    }
}
