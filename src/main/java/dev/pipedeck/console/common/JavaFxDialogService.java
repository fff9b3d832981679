package dev.pipedeck.console.common;

import dev.pipedeck.catalog.WalForecast;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import java.time.Duration;
import java.util.List;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
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
        ((Button) alert.getDialogPane().lookupButton(ok)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == ok;
    }

    @Override
    public boolean showTypedConfirmationDialogAndWait(String title, String header, String content, String prompt,
                                                      String expected, String okButtonText, String cancelButtonText) {
        ButtonType ok = new ButtonType(okButtonText, ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(cancelButtonText, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, "", ok, cancel);
        prepare(alert, title, header, content);
        Label promptLabel = new Label(prompt);
        promptLabel.setWrapText(true);
        promptLabel.setMinHeight(Region.USE_PREF_SIZE);
        TextField typed = new TextField();
        typed.setId("typedConfirmationField");
        typed.setPromptText(expected);
        VBox box = new VBox(10, alert.getDialogPane().getContent(), promptLabel, typed);
        alert.getDialogPane().setContent(box);
        Button okButton = (Button) alert.getDialogPane().lookupButton(ok);
        okButton.setDefaultButton(false);
        okButton.disableProperty().bind(typed.textProperty().isNotEqualTo(expected));
        ((Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        alert.setOnShown(e -> typed.requestFocus());
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == ok && expected.equals(typed.getText());
    }

    @Override
    public Optional<BatchSettingsInput> showBatchSettingsDialogAndWait(String title, String header, String content,
                                                                       BatchSettingsInput current) {
        ButtonType ok = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", ok, cancel);
        prepare(alert, title, header, content);
        TextField batch = new TextField(current.batchSize());
        batch.setId("editBatchSizeField");
        TextField interval = new TextField(current.syncIntervalMillis());
        interval.setId("editSyncIntervalField");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Batch size (rows)"), batch);
        grid.addRow(1, new Label("Sync interval (ms)"), interval);
        alert.getDialogPane().setContent(new VBox(12, alert.getDialogPane().getContent(), grid));
        ((Button) alert.getDialogPane().lookupButton(ok)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == ok
                ? Optional.of(new BatchSettingsInput(batch.getText(), interval.getText())) : Optional.empty();
    }

    @Override
    public Optional<PauseChoice> showPauseDialogAndWait(String title, String header, String content, String okButtonText,
                                                        String cancelButtonText) {
        ButtonType ok = new ButtonType(okButtonText, ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(cancelButtonText, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", ok, cancel);
        prepare(alert, title, header, content);
        ComboBox<Duration> pauseFor = durations(PauseChoice.PAUSE_FOR, "pauseForChoice");
        ComboBox<Duration> resumeBelow = durations(PauseChoice.RESUME_BELOW, "resumeBelowChoice");
        GridPane guard = new GridPane();
        guard.setHgap(12);
        guard.setVgap(8);
        guard.addRow(0, new Label("Resume automatically after"), pauseFor);
        guard.addRow(1, new Label("Resume when less WAL budget is left than"), resumeBelow);
        VBox box = new VBox(16, alert.getDialogPane().getContent(), guard);
        alert.getDialogPane().setContent(box);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ok)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() != ok) {
            return Optional.empty();
        }
        return Optional.of(new PauseChoice(pauseFor.getValue(), resumeBelow.getValue()));
    }

    private static ComboBox<Duration> durations(List<Duration> choices, String id) {
        ComboBox<Duration> c = new ComboBox<>(FXCollections.observableArrayList(choices));
        c.setId(id);
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "never" : WalForecast.duration(d.toSeconds());
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
        c.getSelectionModel().selectFirst();
        return c;
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
        text.setMinHeight(Region.USE_PREF_SIZE);
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
