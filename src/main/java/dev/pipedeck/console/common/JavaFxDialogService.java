package dev.pipedeck.console.common;

import dev.pipedeck.catalog.WalForecast;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Dialog;
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
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Optional;
import java.util.function.Function;
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
    public Optional<ResyncChoice> showResyncDialogAndWait(String title, String header, List<ResyncChoice> choices,
                                                          Function<ResyncChoice, String> content, String note,
                                                          String okButtonText, String cancelButtonText) {
        ButtonType ok = new ButtonType(okButtonText, ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(cancelButtonText, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", ok, cancel);
        prepare(alert, title, header, content.apply(choices.get(0)));
        Label text = (Label) alert.getDialogPane().getContent();
        List<ResyncChoice> tables = choices.stream().filter(c -> !c.isWholePipe()).toList();
        ToggleGroup kind = new ToggleGroup();
        RadioButton whole = new RadioButton("The whole pipe (new slot, every table copied afresh)");
        whole.setId("resyncWholePipe");
        whole.setToggleGroup(kind);
        whole.setDisable(!choices.get(0).isWholePipe());
        RadioButton one = new RadioButton("One table:");
        one.setId("resyncOneTable");
        one.setToggleGroup(kind);
        one.setDisable(tables.isEmpty());
        ComboBox<ResyncChoice> table = new ComboBox<>(FXCollections.observableArrayList(tables));
        table.setId("resyncTableChoice");
        table.setConverter(new StringConverter<>() {
            @Override
            public String toString(ResyncChoice c) {
                return c == null ? "" : c.label();
            }

            @Override
            public ResyncChoice fromString(String s) {
                return null;
            }
        });
        table.getSelectionModel().selectFirst();
        table.disableProperty().bind(one.selectedProperty().not());
        (choices.get(0).isWholePipe() ? whole : one).setSelected(true);
        Runnable reword = () -> text.setText(content.apply(whole.isSelected() ? choices.get(0) : table.getValue()));
        kind.selectedToggleProperty().addListener((o, a, b) -> reword.run());
        table.valueProperty().addListener((o, a, b) -> reword.run());
        HBox oneRow = new HBox(10, one, table);
        oneRow.setAlignment(Pos.CENTER_LEFT);
        VBox options = new VBox(8, whole, oneRow);
        if (note != null && !note.isBlank()) {
            Label why = new Label(note);
            why.setId("resyncNote");
            why.setWrapText(true);
            why.setMaxWidth(520);
            why.setMinHeight(Region.USE_PREF_SIZE);
            why.getStyleClass().add("muted");
            options.getChildren().add(why);
        }
        alert.getDialogPane().setContent(new VBox(16, options, text));
        ((Button) alert.getDialogPane().lookupButton(ok)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() != ok) {
            return Optional.empty();
        }
        return Optional.ofNullable(whole.isSelected() ? choices.get(0) : table.getValue());
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
        own(alert, owner.get());
    }

    /**
     * Makes {@code dialog} one of the console's: its style class, owned by {@code owner} (may be null) and styled with
     * the owner's stylesheets (so the dark theme reaches it).
     */
    public static void own(Dialog<?> dialog, Window owner) {
        dialog.getDialogPane().getStyleClass().add("pipedeck-dialog");
        if (owner != null) {
            dialog.initOwner(owner);
            if (owner.getScene() != null) {
                dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
            }
        }
    }
}
