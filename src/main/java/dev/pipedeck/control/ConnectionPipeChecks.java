package dev.pipedeck.control;

import dev.pipedeck.catalog.ConnectionUrl;
import dev.pipedeck.catalog.Redaction;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.engine.ConnectionChecks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks run before a pipe is stored, for {@code pipe create} and the console's New pipe dialog: the source
 * validation (logical WAL, replication role, tables with keys...) and a connection to the destination. Every problem
 * is a sentence, prefixed with its side; none carries a password.
 */
public final class ConnectionPipeChecks implements PipeChecks {
    private final ConnectionChecks checks;

    public ConnectionPipeChecks(ConnectionChecks checks) {
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
        }
        boolean destinationReachable = true;
        try {
            checks.checkDestination(spec.destinationUrl());
        } catch (PipeDeckException e) {
            destinationReachable = false;
            problems.add("destination: " + e.getMessage());
        }
        // which columns the destination cannot hold: only worth asking when both sides answered
        if (destinationReachable && problems.isEmpty()) {
            try {
                for (String p : checks.checkTables(spec.sourceUrl(), spec.tables().stream().map(TableMapping::source).toList(),
                        spec.destinationUrl())) {
                    problems.add("destination: " + p);
                }
                for (String p : checks.checkDestinationTables(spec.sourceUrl(), spec.tables(), spec.destinationUrl())) {
                    problems.add("destination: " + p);
                }
            } catch (PipeDeckException e) {
                problems.add("source: " + e.getMessage());
            }
        }
        // the checks promise no passwords; redact anyway, the URLs given here carry them
        String[] secrets = passwords(spec);
        return problems.stream().map(p -> Redaction.redact(p, secrets)).toList();
    }

    private static String[] passwords(PipeSpec spec) {
        List<String> found = new ArrayList<>();
        for (String pw : new String[] {safeJdbcPassword(spec.sourceUrl()), ConnectionUrl.splitUserInfo(spec.destinationUrl()).password()}) {
            if (pw != null && !pw.isEmpty()) {
                found.add(pw);
                found.add(URLEncoder.encode(pw, StandardCharsets.UTF_8));
            }
        }
        return found.toArray(String[]::new);
    }

    private static String safeJdbcPassword(String url) {
        try {
            return ConnectionUrl.splitJdbc(url).password();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
