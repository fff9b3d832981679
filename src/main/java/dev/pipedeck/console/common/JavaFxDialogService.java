package dev.pipedeck.console.common;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

import java.util.Optional;
import java.util.function.Supplier;

/** Dialogs as JavaFX {@link Alert}s, owned by the main window and styled with the console's stylesheet. */
public final class JavaFxDialogService implements DialogService {
    private final Supplier<Window> owner;

    public JavaFxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean showConfirmationDialogAndWait(String title, String header, String content, String okButtonText,
                                                 String cancelButtonText) {
        ButtonType ok = new ButtonType(okButtonText, ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(cancelButtonText, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", ok, cancel);
        prepare(alert, title, header, content);
        // the safe choice is the default: Enter must not pause a production pipe by accident
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ok)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == ok;
    }

    @Override
    public void showErrorDialogAndWait(String title, String content) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE);
        prepare(alert, title, title, content);
        alert.showAndWait();
    }

    private void prepare(Alert alert, String title, String header, String content) {
        alert.setTitle(title);
        alert.setHeaderText(header);
        Label text = new Label(content);
        text.setWrapText(true);
        text.getStyleClass().add("dialog-content-text");
        text.setMaxWidth(520);
        text.setPrefWidth(520);
        // without this a wrapped label is cut to one line in a dialog
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setPrefWidth(580);
        alert.getDialogPane().getStyleClass().add("pipedeck-dialog");
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
            if (w.getScene() != null) {
                alert.getDialogPane().getStylesheets().addAll(w.getScene().getStylesheets());
            }
        }
    }
}
