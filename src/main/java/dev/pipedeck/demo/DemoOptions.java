package dev.pipedeck.demo;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.PipedeckHome;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How to start the demo environment.
 *
 * @param dir           where its files live ({@code ~/.pipedeck/demo}: Postgres data, the DuckDB file, the port)
 * @param out           where it says what it started (the terminal, or a sink for the console)
 * @param rowsPerSecond initial rate of the sample workload (changeable at runtime)
 * @param workload      false to start without the workload (e.g. tests of the schema alone)
 * @param createdVia    who the audit trail says created the demo pipe (the CLI or the console)
 */
public record DemoOptions(Path dir, PrintStream out, int rowsPerSecond, boolean workload, Actor.Kind createdVia) {
    public static final int DEFAULT_ROWS_PER_SECOND = 20;

    public static DemoOptions defaults(PrintStream out) {
        return new DemoOptions(PipedeckHome.dir().resolve("demo"), out, DEFAULT_ROWS_PER_SECOND, true, Actor.Kind.CLI);
    }

    public DemoOptions withRowsPerSecond(int rate) {
        return new DemoOptions(dir, out, rate, workload, createdVia);
    }

    public DemoOptions withWorkload(boolean on) {
        return new DemoOptions(dir, out, rowsPerSecond, on, createdVia);
    }

    public DemoOptions withCreatedVia(Actor.Kind kind) {
        return new DemoOptions(dir, out, rowsPerSecond, workload, kind);
    }

    public DemoOptions withDir(Path d) {
        return new DemoOptions(d, out, rowsPerSecond, workload, createdVia);
    }
}
