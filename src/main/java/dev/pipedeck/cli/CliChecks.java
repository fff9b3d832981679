package dev.pipedeck.cli;

import dev.pipedeck.catalog.Redaction;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.control.ConnectionChecks;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@code pipe create} runs before anything is stored: the source validation (logical WAL, replication
 * role, tables with keys...) and a connection to the destination. Every problem is a sentence; none carries a
 * password.
 */
public final class CliChecks implements PipeChecks {
    private final ConnectionChecks checks;

    public CliChecks(ConnectionChecks checks) {
        this.checks = checks;
    }

    @Override
    public List<String> problems(PipeSpec spec) {
        List<String> problems = new ArrayList<>();
        try {
            for (String p : checks.checkSource(spec.sourceUrl(), spec.tables().stream().map(TableMapping::source).toList())) {
                problems.add("source: " + p);
            }
        } catch (PipeDeckException e) {
            problems.add("source: " + e.getMessage());
        } catch (RuntimeException e) {
            problems.add("source: could not be checked: " + CliErrors.firstLine(e.getMessage()));
        }
        try {
            checks.checkDestination(spec.destinationUrl());
        } catch (PipeDeckException e) {
            problems.add("destination: " + e.getMessage());
        } catch (RuntimeException e) {
            problems.add("destination: could not be checked: " + CliErrors.firstLine(e.getMessage()));
        }
        // the checks promise no passwords; redact anyway, the URLs given here carry them
        return problems.stream().map(p -> Redaction.redact(p, passwords(spec))).toList();
    }

    private static String[] passwords(PipeSpec spec) {
        List<String> found = new ArrayList<>();
        CliErrors.collectSecrets(spec.sourceUrl(), found);
        CliErrors.collectSecrets(spec.destinationUrl(), found);
        return found.toArray(String[]::new);
    }
}
