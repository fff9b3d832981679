package dev.pipedeck.console;

import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Help → About: version, build, Java, where the log and the data live, and a button that opens the log folder. */
final class AboutDialog {
    static final ButtonType OPEN_LOG_FOLDER = new ButtonType("Open _log folder", ButtonBar.ButtonData.LEFT);

    private AboutDialog() {}

    /** Where the console keeps things, as shown to the user. */
    record Places(Path logDir, Path dataDir, String preferences) {}

    static void show(Window owner, Places places, Consumer<URI> openFolder) {
        BuildInfo build = BuildInfo.current();
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        d.setTitle("About PipeDeck");
        d.setHeaderText("PipeDeck " + build.version());
        var icon = AboutDialog.class.getResource("icon.png");
        if (icon != null) {
            ImageView logo = new ImageView(new Image(icon.toExternalForm()));
            logo.setFitWidth(48);
            logo.setFitHeight(48);
            d.setGraphic(logo);
        }
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        String[][] rows = {
                {"Version", build.version()},
                {"Built", build.built()},
                {"Java", BuildInfo.java()},
                {"Log", places.logDir().resolve(ConsoleLogFile.FILE_NAME).toString()},
                {"Data", places.dataDir() + " (demo database, secret key)"},
                {"Preferences", places.preferences()},
        };
        for (int i = 0; i < rows.length; i++) {
            Label name = new Label(rows[i][0]);
            name.getStyleClass().add("form-label");
            Label value = new Label(rows[i][1]);
            value.setId("about" + rows[i][0]);
            value.getStyleClass().add("form-value");
            value.setWrapText(true);
            value.setMaxWidth(520);
            grid.addRow(i, name, value);
        }
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().addAll(OPEN_LOG_FOLDER, ButtonType.CLOSE);
        // opening the folder keeps the dialog open
        Button open = (Button) d.getDialogPane().lookupButton(OPEN_LOG_FOLDER);
        open.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            openFolder.accept(places.logDir().toUri());
        });
        d.show();
    }
}
