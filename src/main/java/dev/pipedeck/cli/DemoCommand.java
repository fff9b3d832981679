package dev.pipedeck.cli;

import dev.pipedeck.demo.DemoEnvironment;
import dev.pipedeck.demo.DemoOptions;
import dev.pipedeck.engine.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code pipedeck demo}: embedded Postgres with the {@code shop} database and a live workload, a DuckDB destination,
 * the pipe {@code shop-demo}, and a worker running it in this process. With a display and the console in the build,
 * the console opens on it (the console starts the same environment with {@code --demo}); {@code --headless} keeps
 * it on the terminal.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the embedded demo: Postgres shop database, live workload, DuckDB, pipe shop-demo.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    PipedeckCommand root;

    @Option(names = "--rows-per-second", paramLabel = "N", description = "Sample workload rate (default ${DEFAULT-VALUE}).")
    int rowsPerSecond = DemoOptions.DEFAULT_ROWS_PER_SECOND;

    @Option(names = "--headless", description = "Do not open the console even when one is available.")
    boolean headless;

    @Override
    public Integer call() throws Exception {
        if (!headless && ConsoleLauncher.available() && !java.awt.GraphicsEnvironment.isHeadless()) {
            ConsoleLauncher.launch(new String[] {"--demo"});
            return PipedeckCommand.OK;
        }
        DemoEnvironment env = DemoEnvironment.start(DemoOptions.defaults(root.out()).withRowsPerSecond(rowsPerSecond));
        Worker worker = new Worker(env.catalog(), env.secrets(), "demo-" + ProcessHandle.current().pid());
        env.closeFirst(worker);
        worker.start();
        root.out().println("worker " + worker.id() + " is running pipe " + DemoEnvironment.PIPE_NAME);
        root.out().println("Ctrl+C stops the demo (data is kept for the next run).");
        // env.close() closes the worker first; the environment's own hook may get there first, close() is idempotent
        UntilInterrupted.block("pipedeck-demo-stop", env::close);
        return PipedeckCommand.OK;
    }
}
