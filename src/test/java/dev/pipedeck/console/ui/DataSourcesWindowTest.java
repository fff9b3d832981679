package dev.pipedeck.console.ui;

import dev.pipedeck.console.common.CatalogBackend;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Data Sources tab: empty state, filter, and Enter to open. */
class DataSourcesWindowTest extends WindowTestBase {
    @Test
    void emptyCatalogExplainsHowToCreateAPipeThenFilterAndEnterOpen() {
        try (CatalogFixture catalog = new CatalogFixture("console_ds")) {
            open(new CatalogBackend(catalog.catalog), Duration.ofMillis(500));
            waitUntil(10, () -> lookup("#emptyState").queryAs(VBox.class).isVisible());
            assertTrue(lookup("#emptyLabel").queryAs(Label.class).getText().contains("pipedeck pipe create"));

            catalog.runningPipe("shop-demo", 10 * CatalogFixture.MB);
            catalog.runningPipe("billing", 10 * CatalogFixture.MB);
            TableView<?> table = lookup("#pipesTable").queryAs(TableView.class);
            waitUntil(10, () -> table.getItems().size() == 2);
            assertTrue(!lookup("#emptyState").queryAs(VBox.class).isVisible());

            clickOn("#filterField").write("bill");
            waitUntil(3, () -> table.getItems().size() == 1);
            // keyboard only: into the table, first row, Enter opens it
            interact(() -> {
                table.requestFocus();
                table.getSelectionModel().select(0);
            });
            press(KeyCode.ENTER).release(KeyCode.ENTER);
            waitUntil(5, () -> "billing — PipeDeck".equals(stage.getTitle()));
            press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
            waitUntil(5, () -> window.tabs().getSelectionModel().getSelectedIndex() == 1);
            waitUntil(5, () -> "billing".equals(text("#nameLabel")));
            assertEquals("Running", text("#settingsStatus"));
        }
    }
}
