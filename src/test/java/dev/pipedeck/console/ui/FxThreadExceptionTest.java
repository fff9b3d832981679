package dev.pipedeck.console.ui;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UI test base turns an exception on the FX thread into a failed test instead of a printed stack trace. */
class FxThreadExceptionTest extends WindowTestBase {
    @Test
    void anExceptionInARunLaterFailsTheTest() {
        Platform.runLater(() -> {
            throw new IllegalStateException("Cannot reset a service that is running");
        });
        WaitForAsyncUtils.waitForFxEvents();
        AssertionError e = assertThrows(AssertionError.class, WindowTestBase::failOnFxThreadExceptions);
        assertTrue(e.getMessage().contains("Cannot reset a service that is running"), e.getMessage());
        assertDoesNotThrow(WindowTestBase::failOnFxThreadExceptions, "reported once");
    }

    @Test
    void anExceptionInAnEventHandlerFailsTheTest() {
        interact(() -> {
            Button b = new Button("Throw");
            b.setId("throwing");
            b.setOnAction(a -> {
                throw new IllegalArgumentException("thrown by a click");
            });
            stage = new Stage();
            stage.setScene(new Scene(b, 200, 100));
            stage.show();
        });
        clickOn("#throwing");
        WaitForAsyncUtils.waitForFxEvents();
        AssertionError e = assertThrows(AssertionError.class, WindowTestBase::failOnFxThreadExceptions);
        assertTrue(e.getMessage().contains("thrown by a click"), e.getMessage());
        interact(stage::hide);
    }
}
