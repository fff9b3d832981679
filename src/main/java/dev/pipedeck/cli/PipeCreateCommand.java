package dev.pipedeck.cli;

import dev.pipedeck.engine.DefaultConnectionChecks;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.Redaction;
import dev.pipedeck.catalog.SnapshotSettings;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.ConnectionPipeChecks;
import dev.pipedeck.catalog.ConnectionUrl;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.engine.SourceCleanup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;


/**
 * {@code pipe create NAME --source URL --destination URL --tables s.t1,s.t2 [--batch-size N] [--sync-interval D]
 * [--snapshot-rows-per-partition N] [--snapshot-readers-per-table N] [--snapshot-tables-in-parallel N]}.
 */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a pipe (checks the source and destination first).")
final class PipeCreateCommand extends PipeSubcommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Pipe name: letters, digits, '_', '-', '.'.")
    String name;

    @Option(names = "--source", required = true, paramLabel = "URL",
            description = "jdbc:postgresql://host:port/db?user=..&password=..")
    String source;

    @Option(names = "--destination", required = true, paramLabel = "URL",
            description = "clickhouse://user:password@host:8123/database or duckdb:PATH")
    String destination;

    @Option(names = "--tables", required = true, paramLabel = "s.t1,s.t2[:name]", description = "Source tables, optionally mapped to another destination name; a name with a dot, comma, "
            + "colon or quote goes in double quotes: \"a,b\".\"x.y\":dest.")
    String tables;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per destination batch (default ${DEFAULT-VALUE}).")
    int batchSize = PipeSpec.DEFAULT_BATCH_SIZE;

    @Option(names = "--sync-interval", paramLabel = "DURATION", converter = DurationText.class,
            description = "How often a batch is written, e.g. 1s, 500ms, 2m (default 1s).")
    Duration syncInterval = PipeSpec.DEFAULT_SYNC_INTERVAL;

    @Option(names = "--snapshot-rows-per-partition", paramLabel = "N",
            description = "Initial load: rows in one range of a table (default ${DEFAULT-VALUE}).")
    long rowsPerPartition = SnapshotSettings.DEFAULT_ROWS_PER_PARTITION;

    @Option(names = "--snapshot-readers-per-table", paramLabel = "N",
            description = "Initial load: ranges of one table read in parallel (default ${DEFAULT-VALUE}).")
    int readersPerTable = SnapshotSettings.DEFAULT_READERS_PER_TABLE;

    @Option(names = "--snapshot-tables-in-parallel", paramLabel = "N",
            description = "Initial load: tables copied in parallel (default ${DEFAULT-VALUE}).")
    int tablesInParallel = SnapshotSettings.DEFAULT_TABLES_IN_PARALLEL;

    private PipeSpec pipeSpec;

    @Override
    void validate() {
        pipeSpec = validatedSpec();
    }

    @Override
    int run(Catalog catalog) {
        PipeControl control = control(catalog, new ConnectionPipeChecks(new DefaultConnectionChecks()), SourceCleanup.NONE);
        Pipe p;
        try {
            p = control.create(pipeSpec, root().actor());
        } catch (IllegalArgumentException e) {
            // the remaining input rules (e.g. the name) live in PipeControl: still a usage error
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        root().out().println("pipe '" + p.name() + "' created: " + Redaction.redactUrl(ConnectionUrl.hostAndDatabase(p.sourceUrl()))
                + " -> " + Redaction.redactUrl(p.destinationUrl()) + ", tables " + TableMapping.format(p.tables())
                + " (status " + p.status() + "; a worker starts it); initial load: " + pipeSpec.snapshot().describe());
        return PipedeckCommand.OK;
    }

    /** Checks the input before the catalog is touched, so a typo is a usage error (exit 2) and nothing is stored. */
    private PipeSpec validatedSpec() {
        try {
            List<TableMapping> mappings = TableMapping.parseList(tables);
            ConnectionUrl.splitJdbc(source);
            if (!(destination.startsWith("clickhouse://") || destination.startsWith("clickhouses://") || destination.startsWith("duckdb:"))) {
                throw new IllegalArgumentException("--destination must be clickhouse://user:password@host:8123/database or duckdb:PATH (got '"
                        + Redaction.redactUrl(destination) + "')");
            }
            if (destination.startsWith("duckdb:") && destination.length() == "duckdb:".length()) {
                throw new IllegalArgumentException("--destination duckdb: needs a file path, e.g. duckdb:/var/lib/pipedeck/shop.duckdb");
            }
            if (batchSize <= 0) {
                throw new IllegalArgumentException("--batch-size must be positive (got " + batchSize + ")");
            }
            if (syncInterval.isNegative() || syncInterval.isZero()) {
                throw new IllegalArgumentException("--sync-interval must be positive (got " + DurationText.format(syncInterval) + ")");
            }
            SnapshotSettings snapshot;
            try {
                snapshot = new SnapshotSettings(rowsPerPartition, readersPerTable, tablesInParallel);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--snapshot-*: " + e.getMessage(), e);
            }
            return new PipeSpec(name, source, destination, mappings, batchSize, syncInterval, snapshot);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
