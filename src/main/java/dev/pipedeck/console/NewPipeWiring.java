package dev.pipedeck.console;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.control.ConnectionChecks;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.console.common.FxTaskRunner;
import dev.pipedeck.console.datasources.NewPipeDialog;
import dev.pipedeck.console.datasources.NewPipeViewModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Connects the New pipe dialog to the real checks and to {@link PipeControl}. The checks come from a
 * {@code META-INF/services/dev.pipedeck.control.ConnectionChecks} provider; without one the dialog still creates pipes
 * (the engine then reports any problem) and its Test buttons say the checks are missing.
 */
final class NewPipeWiring {
    private static final Logger LOG = LoggerFactory.getLogger(NewPipeWiring.class);

    private NewPipeWiring() {}

    static MainWindow.NewPipeAction action(Catalog catalog, List<AutoCloseable> closeLater) {
        ConnectionChecks checks = ServiceLoader.load(ConnectionChecks.class).findFirst().orElse(null);
        if (checks == null) {
            LOG.info("no ConnectionChecks provider on the classpath: New pipe runs without source/destination tests");
        }
        FxTaskRunner runner = new FxTaskRunner();
        closeLater.add(runner);
        NewPipeViewModel.PipeCreator creator = (spec, actor) ->
                new PipeControl(catalog, SecretBox.fromEnvironment(), pipeChecks(checks), PipeControl.SourceCleanup.NONE).create(spec, actor);
        return (owner, state) -> new NewPipeDialog(
                new NewPipeViewModel(checks, creator, runner, state, Actor.of(Actor.Kind.CONSOLE)), owner).show();
    }

    static PipeChecks pipeChecks(ConnectionChecks checks) {
        if (checks == null) {
            return PipeChecks.NONE;
        }
        return spec -> {
            List<String> problems = new ArrayList<>(checks.checkSource(spec.sourceUrl(),
                    spec.tables().stream().map(t -> t.source()).toList()));
            try {
                checks.checkDestination(spec.destinationUrl());
            } catch (PipeDeckException e) {
                problems.add("destination: " + e.getMessage());
            }
            return problems;
        };
    }
}
