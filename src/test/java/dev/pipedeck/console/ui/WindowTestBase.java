package dev.pipedeck.console.ui;

import dev.pipedeck.console.MainWindow;
import dev.pipedeck.console.common.ConsoleBackend;
import dev.pipedeck.console.common.ConsolePreferences;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.Preferences;

/**
 * Opens the real console window (FXML, CSS, refresh service) headless and drives it like an operator. A test fails
 * when anything throws on the FX thread while it runs (an event handler, a listener, a runLater), even if the step it
 * belonged to seemed to work.
 */
abstract class WindowTestBase extends FxRobot {
    private static final List<Throwable> FX_ERRORS = new CopyOnWriteArrayList<>();
    protected MainWindow window;
    protected Stage stage;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void catchFxThreadExceptions() throws TimeoutException {
        FX_ERRORS.clear();
        FxToolkit.setupFixture(() -> Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> {
            FX_ERRORS.add(e);
            System.err.println("Uncaught exception on the FX thread (fails the test):");
            e.printStackTrace();
        }));
    }

    /** Opens the window on a backend with the given refresh period. */
    protected void open(ConsoleBackend backend, Duration period) {
        open(backend, period, w -> w);
    }

    /** @param customize e.g. adds a New pipe action before the window loads */
    protected void open(ConsoleBackend backend, Duration period, java.util.function.UnaryOperator<MainWindow> customize) {
        interact(() -> {
            Preferences prefs = Preferences.userRoot().node("dev/pipedeck/console-test");
            window = customize.apply(new MainWindow(backend, period, new ConsolePreferences(prefs)).notifier(a -> { }));
            stage = new Stage();
            window.show(stage);
        });
    }

    @AfterEach
    void closeWindow() throws TimeoutException {
        if (window != null) {
            interact(() -> {
                window.close();
                stage.hide();
            });
            window = null;
        }
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.waitForFxEvents();
        failOnFxThreadExceptions();
    }

    static void failOnFxThreadExceptions() {
        if (!FX_ERRORS.isEmpty()) {
            List<Throwable> errors = List.copyOf(FX_ERRORS);
            FX_ERRORS.clear();
            AssertionError failure = new AssertionError(errors.size() + " uncaught exception(s) on the FX thread, the first: "
                    + errors.get(0), errors.get(0));
            errors.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    protected void waitUntil(long seconds, java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }

    protected void clickPipe(String name) {
        waitUntil(10, () -> lookup(n -> n instanceof TableCell<?, ?> c && name.equals(c.getText()) && n.isVisible()).tryQuery().isPresent());
        clickOn(lookup(n -> n instanceof TableCell<?, ?> c && name.equals(c.getText())).<Node>query());
    }

    protected void clickTab(String text) {
        clickOn(lookup(".tab .tab-label").match((Labeled l) -> text.equals(l.getText())).<Node>query());
    }

    protected Button dialogButton(String text) {
        waitUntil(5, () -> lookup(".dialog-pane .button").match((Labeled b) -> text.equals(b.getText())).tryQuery().isPresent());
        return lookup(".dialog-pane .button").match((Labeled b) -> text.equals(b.getText())).queryButton();
    }

    protected String dialogText() {
        return lookup(".dialog-pane .dialog-content-text").queryAs(Label.class).getText();
    }

    protected String dialogHeader() {
        return lookup(".dialog-pane .header-panel .label").queryAs(Label.class).getText();
    }

    protected String text(String id) {
        return lookup(id).queryAs(Labeled.class).getText();
    }
}
