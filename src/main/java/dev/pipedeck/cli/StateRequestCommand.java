package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeControl;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/**
 * Pause and resume: ask for a desired state through {@link PipeControl}, print its answer, and with {@code --wait}
 * follow the status until the worker has carried the request out.
 */
abstract class StateRequestCommand extends PipeSubcommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--wait", arity = "0..1", paramLabel = "DURATION", fallbackValue = "60s", converter = DurationText.class,
            description = "Wait until the worker has done it (default 60s when given without a value).")
    Duration wait;

    /** Poll period; short enough to feel immediate, long enough not to load the catalog. */
    Duration pollEvery = Duration.ofMillis(200);

    abstract ControlResult request(PipeControl control);

    abstract PipeStatus target();

    @Override
    int run(Catalog catalog) {
        PipeControl control = control(catalog);
        ControlResult r = request(control);
        if (r.refused()) {
            throw new CliFailure(r.message());
        }
        root().out().println(r.message());
        if (wait == null) {
            return PipedeckCommand.OK;
        }
        StatusWait.Outcome o = new StatusWait(control.repository(), pollEvery).await(name, target(), wait);
        if (!o.reached()) {
            throw new CliFailure(o.message());
        }
        root().out().println(o.message());
        return PipedeckCommand.OK;
    }
}
