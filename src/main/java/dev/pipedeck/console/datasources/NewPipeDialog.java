package dev.pipedeck.console.datasources;

import dev.pipedeck.console.common.JavaFxDialogService;
import dev.pipedeck.console.common.ViewLoader;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/**
 * The New pipe dialog. Create stays open on failure (the form shows why) and closes once the pipe exists; the new
 * pipe is then open on the Settings and Metrics tabs.
 */
public final class NewPipeDialog extends Dialog<Void> {
    public static final ButtonType CREATE = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);

    public NewPipeDialog(NewPipeViewModel vm, Window owner) {
        setTitle("New pipe");
        setHeaderText("Replicate PostgreSQL tables into ClickHouse or DuckDB");
        getDialogPane().setContent(ViewLoader.load(new NewPipeView(vm)));
        getDialogPane().getButtonTypes().addAll(CREATE, ButtonType.CANCEL);
        JavaFxDialogService.own(this, owner);
        setResizable(true);
        Button create = (Button) getDialogPane().lookupButton(CREATE);
        create.disableProperty().bind(vm.canCreate().not());
        // creating runs in the background: keep the dialog open until it is done
        create.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.create();
        });
        vm.createdProperty().addListener((o, a, done) -> {
            if (done) {
                close();
            }
        });
        setResultConverter(b -> null);
    }
}
