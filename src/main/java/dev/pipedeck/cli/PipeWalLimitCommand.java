package dev.pipedeck.cli;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.control.ControlResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pipe wal-limit NAME SIZE|none}: the WAL a pipe's slot may retain before the source's disk runs out. The
 * WAL-budget forecast uses it when the source has no {@code max_slot_wal_keep_size} (then nothing else bounds it).
 */
@Command(name = "wal-limit", mixinStandardHelpOptions = true,
        description = "Set the WAL a pipe's slot may retain (e.g. 50GB, 512MB; 'none' clears it). The WAL-budget "
                + "forecast uses it when the source has no max_slot_wal_keep_size.")
final class PipeWalLimitCommand extends PipeSubcommand {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)?");

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "SIZE", description = "50GB, 512MB, 1TB (powers of 1024), or none.")
    String size;

    private Long bytes;

    @Override
    void validate() {
        try {
            bytes = parse(size);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** "50GB" → bytes (powers of 1024, as Postgres counts); "none" → null. */
    static Long parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.equals("off")) {
            return null;
        }
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read '" + text + "' as a size: write it like 50GB, 512MB or none");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).replace("i", "");
        int power = switch (unit) {
            case "kb" -> 1;
            case "mb" -> 2;
            case "gb" -> 3;
            case "tb" -> 4;
            default -> 0;
        };
        double value = Double.parseDouble(m.group(1)) * Math.pow(1024, power);
        if (value < 1 || value > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("the WAL limit '" + text + "' is out of range: give at least 1 byte");
        }
        return (long) value;
    }

    @Override
    int run(Catalog catalog) {
        ControlResult r = control(catalog).setWalLimit(name, bytes, root().actor());
        root().out().println(r.message());
        return PipedeckCommand.OK;
    }
}
