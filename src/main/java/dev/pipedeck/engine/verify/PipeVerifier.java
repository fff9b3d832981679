package dev.pipedeck.engine.verify;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.CanonicalText;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.engine.PipeCredentials;
import dev.pipedeck.sink.Destinations;
import dev.pipedeck.sink.RowFingerprints;
import dev.pipedeck.source.pg.PendingCommit;
import dev.pipedeck.source.pg.PgSource;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SourceConfig;
import dev.pipedeck.source.pg.SourceRowFingerprints;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compares a pipe's source tables with their deduplicated destination tables row by row: key + fingerprint of every
 * compared column, in ranges of an integer key ({@link #CHUNK} rows each; a table without one is read whole). A
 * paused pipe is compared as it stands (its destination is consistent as of one commit; the report says when the
 * source has changed since). On a running pipe, keys that differ are read again until they settle — a change in
 * flight is applied within a few seconds, a lost row stays lost.
 */
public final class PipeVerifier {
    static final int CHUNK = 10_000;
    private static final int EXAMPLES = 5;
    private static final Set<TypeFamily> INTEGER = EnumSet.of(TypeFamily.INT2, TypeFamily.INT4, TypeFamily.INT8);

    /** Progress: one sentence per step ("public.orders: 20,000 rows compared"). */
    public interface Progress extends Consumer<String> {
        Progress NONE = s -> { };
    }

    private final PipeCredentials credentials;
    private final Duration settleWait;
    private final int settleRounds;
    private final int chunk;

    public PipeVerifier(PipeCredentials credentials) {
        this(credentials, Duration.ofSeconds(2), 10, CHUNK);
    }

    /**
     * @param settleWait   wait between re-checks of differing keys on a running pipe
     * @param settleRounds at most this many re-checks
     * @param chunk        rows per key range
     */
    public PipeVerifier(PipeCredentials credentials, Duration settleWait, int settleRounds, int chunk) {
        this.credentials = credentials;
        this.settleWait = settleWait;
        this.settleRounds = settleRounds;
        this.chunk = chunk;
    }

    /** @param onlyTable a source table to verify alone, or null for all of the pipe's tables */
    public VerifyReport verify(Pipe pipe, TableRef onlyTable, Progress progress) {
        List<TableMapping> tables = pipe.tables().stream().filter(m -> onlyTable == null || m.source().equals(onlyTable)).toList();
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("pipe '" + pipe.name() + "' does not capture table " + onlyTable
                    + "; its tables are " + TableMapping.format(pipe.tables()));
        }
        SourceConfig config = credentials.sourceConfig(pipe);
        PostgresSource source = new PgSource(config);
        String note = note(pipe, source);
        List<TableVerdict> verdicts = new ArrayList<>();
        try (SourceRowFingerprints src = new SourceRowFingerprints(config);
             RowFingerprints dst = Destinations.fingerprints(credentials.destinationUrl(pipe))) {
            for (TableMapping m : tables) {
                verdicts.add(table(pipe, m, source.readSchema(m.source()), src, dst, progress));
            }
        }
        return new VerifyReport(pipe.name(), verdicts, note);
    }

    private String note(Pipe pipe, PostgresSource source) {
        if (pipe.status() != PipeStatus.PAUSED) {
            return "compared while the pipe is " + pipe.status().label().toLowerCase()
                    + "; differing keys were read again until they settled";
        }
        String asOf = pipe.consistentLsn() == null ? "its last confirmed position"
                : Lsn.format(pipe.consistentLsn()) + (pipe.consistentCommitTime() == null ? "" : " (commit " + pipe.consistentCommitTime() + ")");
        String base = "paused: the destination is consistent as of " + asOf;
        try {
            PendingCommit pending = source.oldestPendingCommit(pipe.slotName(), pipe.publicationName());
            if (pending.found()) {
                return base + "; the source has changed since (oldest change not applied committed at " + pending.commitTime()
                        + "), so keys changed after the pause show as differing — resume, let it catch up, and verify again";
            }
            if (pending.none()) {
                return base + "; the source has not changed since, so the comparison is exact";
            }
        } catch (RuntimeException e) {
            // the slot could not be peeked (in use, or no permission): say less, not something wrong
        }
        return base;
    }

    private TableVerdict table(Pipe pipe, TableMapping m, TableSchema schema, SourceRowFingerprints src, RowFingerprints dst,
                               Progress progress) {
        List<ColumnSpec> keys = schema.keyColumns();
        List<String> columns = new ArrayList<>();
        keys.forEach(k -> columns.add(k.name()));
        List<String> notCompared = new ArrayList<>();
        for (ColumnSpec c : schema.columns()) {
            if (c.isKey()) {
                continue;
            }
            if (CanonicalText.comparable(c.family())) {
                columns.add(c.name());
            } else {
                notCompared.add(c.name());
            }
        }
        String rangeKey = !keys.isEmpty() && INTEGER.contains(keys.get(0).family()) ? keys.get(0).name() : null;
        Map<String, long[]> mismatchRange = new LinkedHashMap<>();
        Set<String> lost = new LinkedHashSet<>();
        Set<String> extra = new LinkedHashSet<>();
        Set<String> differing = new LinkedHashSet<>();
        long compared = 0;
        Long after = null;
        boolean last = false;
        while (!last) {
            Long upto = rangeKey == null ? null : src.boundary(m.source(), rangeKey, after, chunk);
            last = upto == null;
            Map<String, String> s = src.read(m.source(), schema, columns, keys.size(), rangeKey, after, upto);
            Map<String, String> d = dst.read(m.destination(), schema, columns, keys.size(), rangeKey, after, upto);
            compared += s.size();
            compare(s, d, lost, extra, differing);
            progress.accept(m.source() + ": " + String.format("%,d", compared) + " rows compared");
            after = upto;
        }
        boolean running = pipe.status() != PipeStatus.PAUSED && pipe.status() != PipeStatus.FAILED;
        for (int round = 0; running && round < settleRounds && !(lost.isEmpty() && extra.isEmpty() && differing.isEmpty()); round++) {
            progress.accept(m.source() + ": " + (lost.size() + extra.size() + differing.size())
                    + " keys differ; reading them again (the pipe may not have applied them yet)");
            sleep(settleWait);
            Set<String> all = new LinkedHashSet<>();
            all.addAll(lost);
            all.addAll(extra);
            all.addAll(differing);
            lost.clear();
            extra.clear();
            differing.clear();
            recheck(m, schema, columns, keys.size(), rangeKey, all, src, dst, lost, extra, differing);
        }
        return new TableVerdict(m.source().toString(), m.destination(), compared, lost.size(), extra.size(), differing.size(),
                first(lost), first(extra), first(differing), notCompared);
    }

    /** Reads the keys again: by their key range when there is an integer key, else the whole table. */
    private static void recheck(TableMapping m, TableSchema schema, List<String> columns, int keyCount, String rangeKey,
                                Set<String> keys, SourceRowFingerprints src, RowFingerprints dst,
                                Set<String> lost, Set<String> extra, Set<String> differing) {
        Long lo = null;
        Long hi = null;
        if (rangeKey != null) {
            for (String k : keys) {
                long v = Long.parseLong(k.split(",", 2)[0]);
                lo = lo == null ? v : Math.min(lo, v);
                hi = hi == null ? v : Math.max(hi, v);
            }
        }
        Long after = lo == null ? null : lo - 1;
        Map<String, String> s = src.read(m.source(), schema, columns, keyCount, rangeKey, after, hi);
        Map<String, String> d = dst.read(m.destination(), schema, columns, keyCount, rangeKey, after, hi);
        Map<String, String> sk = new LinkedHashMap<>();
        Map<String, String> dk = new LinkedHashMap<>();
        for (String k : keys) {
            if (s.containsKey(k)) {
                sk.put(k, s.get(k));
            }
            if (d.containsKey(k)) {
                dk.put(k, d.get(k));
            }
        }
        compare(sk, dk, lost, extra, differing);
    }

    private static void compare(Map<String, String> s, Map<String, String> d, Set<String> lost, Set<String> extra,
                                Set<String> differing) {
        for (Map.Entry<String, String> e : s.entrySet()) {
            String other = d.get(e.getKey());
            if (other == null) {
                lost.add(e.getKey());
            } else if (!other.equals(e.getValue())) {
                differing.add(e.getKey());
            }
        }
        for (String k : d.keySet()) {
            if (!s.containsKey(k)) {
                extra.add(k);
            }
        }
    }

    private static List<String> first(Set<String> keys) {
        return keys.stream().limit(EXAMPLES).toList();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("verify was interrupted", e);
        }
    }
}
