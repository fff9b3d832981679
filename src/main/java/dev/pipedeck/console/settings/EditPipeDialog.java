package dev.pipedeck.console.settings;

import dev.pipedeck.console.common.JavaFxDialogService;
import dev.pipedeck.console.common.ViewLoader;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

import java.util.List;

/**
 * The Edit dialog of a paused pipe. Save runs in the background and keeps the dialog open until it is answered: a
 * refusal stays on screen as its sentence, an accepted edit closes it. Cancel sends nothing.
 */
public final class EditPipeDialog extends Dialog<Void> {
    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    public EditPipeDialog(EditPipeViewModel vm, Window owner) {
        setTitle("Edit pipe");
        setHeaderText("Edit pipe " + vm.pipeName());
        getDialogPane().setContent(ViewLoader.load(new EditPipeView(vm)));
        getDialogPane().getButtonTypes().addAll(SAVE, ButtonType.CANCEL);
        JavaFxDialogService.own(this, owner);
        setResizable(true);
        Button save = (Button) getDialogPane().lookupButton(SAVE);
        Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
        // the safe choice is the default: Enter in a field must not change a production pipe by accident
        save.setDefaultButton(false);
        cancel.setDefaultButton(true);
        save.disableProperty().bind(vm.busyProperty());
        cancel.disableProperty().bind(vm.busyProperty());
        save.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.save();
        });
        // a refusal, the summary or the source's answer can take more lines than the dialog had room for: grow it
        for (var text : List.of(vm.errorMessageProperty(), vm.summaryProperty(), vm.sourceStatusProperty())) {
            text.addListener((o, a, b) -> Platform.runLater(this::fitContent));
        }
                vm.doneProperty().addListener((o, a, done) -> {
            if (done) {
                close();
            }
        });
        setResultConverter(b -> null);
    }

    private void fitContent() {
        var scene = getDialogPane().getScene();
        if (scene != null && scene.getWindow() != null && isShowing()
                && scene.getHeight() < getDialogPane().prefHeight(scene.getWidth())) {
            scene.getWindow().sizeToScene();
        }
    }
}
