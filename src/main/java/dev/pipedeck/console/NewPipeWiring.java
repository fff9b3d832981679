package dev.pipedeck.console;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.engine.ConnectionChecks;
import dev.pipedeck.control.ConnectionPipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.console.common.FxTaskRunner;
import dev.pipedeck.console.datasources.NewPipeDialog;
import dev.pipedeck.console.datasources.NewPipeViewModel;
import dev.pipedeck.engine.DefaultConnectionChecks;
import dev.pipedeck.engine.SourceCleanup;

import java.util.List;

/** Connects the New pipe dialog to the engine's source and destination checks and to {@link PipeControl}. */
final class NewPipeWiring {
    private NewPipeWiring() {}

    static MainWindow.NewPipeAction action(Catalog catalog, List<AutoCloseable> closeLater) {
        ConnectionChecks checks = new DefaultConnectionChecks();
        FxTaskRunner runner = new FxTaskRunner();
        closeLater.add(runner);
        NewPipeViewModel.PipeCreator creator = (spec, actor) -> new PipeControl(catalog, SecretBox.fromEnvironment(),
                new ConnectionPipeChecks(checks), SourceCleanup.NONE).create(spec, actor);
        return (owner, state) -> new NewPipeDialog(
                new NewPipeViewModel(checks, creator, runner, state, Actor.of(Actor.Kind.CONSOLE)), owner).show();
    }
}
