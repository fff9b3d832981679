package dev.pipedeck.console.start;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The start screen; thin controller over {@link StartViewModel}. Enter or a double click on a recent catalog connects. */
public final class StartView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final StartViewModel vm;

    @FXML private BorderPane root;
    @FXML private ImageView logo;
    @FXML private Button demoButton;
    @FXML private TextField hostField;
    @FXML private TextField portField;
    @FXML private TextField databaseField;
    @FXML private TextField userField;
    @FXML private PasswordField passwordField;
    @FXML private Button testButton;
    @FXML private Button connectButton;
    @FXML private ProgressIndicator progress;
    @FXML private Label messageLabel;
    @FXML private ListView<RememberedCatalog> recentList;
    @FXML private Button openRecentButton;
    @FXML private Button forgetButton;

    public StartView(StartViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        var icon = StartView.class.getResource("/dev/pipedeck/console/icon.png");
        if (icon != null) {
            logo.setImage(new Image(icon.toExternalForm()));
        }
        hostField.textProperty().bindBidirectional(vm.hostProperty());
        portField.textProperty().bindBidirectional(vm.portProperty());
        databaseField.textProperty().bindBidirectional(vm.databaseProperty());
        userField.textProperty().bindBidirectional(vm.userProperty());
        passwordField.textProperty().bindBidirectional(vm.passwordProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
        vm.messageIsErrorProperty().addListener((o, was, error) -> styleMessage(error));
        styleMessage(vm.messageIsErrorProperty().get());
        progress.visibleProperty().bind(vm.busyProperty());
        demoButton.disableProperty().bind(vm.busyProperty());
        testButton.disableProperty().bind(vm.canConnectBinding().not());
        connectButton.disableProperty().bind(vm.canConnectBinding().not());

        recentList.setItems(vm.recent());
        recentList.setPlaceholder(new Label("Catalogs you connect to appear here, most recent first."));
        recentList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(RememberedCatalog item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.address().display() + "\nlast used " + WHEN.format(item.lastUsed()));
            }
        });
        var selected = recentList.getSelectionModel().selectedItemProperty();
        selected.addListener((o, was, now) -> vm.choose(now));
        openRecentButton.disableProperty().bind(Bindings.or(selected.isNull(), vm.busyProperty()));
        forgetButton.disableProperty().bind(Bindings.or(selected.isNull(), vm.busyProperty()));
        recentList.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && selected.get() != null && !vm.busyProperty().get()) {
                vm.connectRecent(selected.get());
            }
        });
        recentList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && selected.get() != null && !vm.busyProperty().get()) {
                vm.connectRecent(selected.get());
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE && selected.get() != null) {
                vm.forget(selected.get());
                e.consume();
            }
        });
    }

    private void styleMessage(boolean error) {
        messageLabel.getStyleClass().remove("error-text");
        if (error) {
            messageLabel.getStyleClass().add("error-text");
        }
    }

    /** Puts the keyboard focus where a new user starts: the demo button, or the host when catalogs are remembered. */
    public void focusFirst() {
        if (vm.recent().isEmpty()) {
            demoButton.requestFocus();
        } else {
            recentList.requestFocus();
            recentList.getSelectionModel().selectFirst();
        }
    }

    public BorderPane root() {
        return root;
    }

    @FXML
    private void openDemo() {
        vm.openDemo();
    }

    @FXML
    private void test() {
        vm.test();
    }

    @FXML
    private void connect() {
        vm.connect();
    }

    @FXML
    private void connectRecent() {
        vm.connectRecent(recentList.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void forget() {
        RememberedCatalog c = recentList.getSelectionModel().getSelectedItem();
        if (c != null) {
            vm.forget(c);
        }
    }
}
