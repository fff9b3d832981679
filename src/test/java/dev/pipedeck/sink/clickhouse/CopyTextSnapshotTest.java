package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.CopyTextRows;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.sink.Destination.TableTarget;
import dev.pipedeck.sink.Destinations;
import dev.pipedeck.source.pg.PgSource;
import dev.pipedeck.source.pg.SnapshotListener;
import dev.pipedeck.testing.ClickHouseTestServer;
import dev.pipedeck.testing.RowVerifier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same many-typed Postgres table copied by the real source into the real ClickHouse server twice — once as COPY
 * text transcoded into the insert body, once row by row (decoded values) — and the two destination tables compared
 * row by row, every column and the PeerDB columns, as ClickHouse itself prints them.
 */
class CopyTextSnapshotTest {

    private static Map<String, String> destinationRows(ClickHouseTestServer ch, String db, TableSchema schema) {
        String cols = schema.columns().stream().map(c -> "`" + c.name() + "`").collect(Collectors.joining(", "));
        String body = ch.query("SELECT " + cols + ", _peerdb_is_deleted, _peerdb_version FROM `" + db
                + "`.everything ORDER BY id FORMAT TabSeparated");
        Map<String, String> out = new TreeMap<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                String id = line.substring(0, line.indexOf('\t'));
                if (out.put(id, line) != null) {
                    throw new AssertionError("two rows for id " + id + " in " + db);
                }
            }
        }
        return out;
    }

    /** The position after the first newline at or after {@code from}. */
    private static int lineEnd(CopyTextRows rows, int from) {
        int p = from;
        while (rows.data()[p] != '\n') {
            p++;
        }
        return p + 1;
    }

    private static CopyTextRows slice(CopyTextRows rows, int from, int to) {
        byte[] part = Arrays.copyOfRange(rows.data(), from, to);
        int lines = 0;
        for (byte b : part) {
            lines += b == '\n' ? 1 : 0;
        }
        return new CopyTextRows(rows.schema(), part, part.length, lines, rows.decoder());
    }

    private static void copyBothWays(String urlSuffix) throws Exception {
        ManyTypesTable table = new ManyTypesTable("copytext_ch");
        PgSource source = table.source();
        TableSchema schema = source.readSchema(ManyTypesTable.TABLE);
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String fastDb = ch.createDatabase("copytext_fast_" + System.nanoTime());
        String slowDb = ch.createDatabase("copytext_slow_" + System.nanoTime());
        try (Destination fast = Destinations.open(ch.url(fastDb) + urlSuffix);
             Destination slow = Destinations.open(ch.url(slowDb) + urlSuffix)) {
            fast.prepare(List.of(new TableTarget(schema, "everything")));
            slow.prepare(List.of(new TableTarget(schema, "everything")));
            assertTrue(fast.takesCopyText(schema), "a table without floats takes COPY text");
            List<SnapshotRange> ranges = source.planSnapshot(List.of(ManyTypesTable.TABLE), 1);

            List<CopyTextRows> text = Collections.synchronizedList(new ArrayList<>());
            Set<SnapshotRange> done = source.copy(ranges, null, 1, new SnapshotListener() {
                @Override
                public boolean wantsCopyText(TableSchema s) {
                    return fast.takesCopyText(s);
                }

                @Override
                public void onCopyText(SnapshotRange range, CopyTextRows rows) {
                    text.add(rows);
                }

                @Override
                public void onRows(SnapshotRange range, List<RowChange> rows) {
                    throw new AssertionError("decoded rows on the COPY-text path");
                }

                @Override
                public void onRangeDone(SnapshotRange range, long rows) {
                }
            }, () -> false);
            assertEquals(Set.copyOf(ranges), done);
            assertEquals(1, text.size(), "3,008 rows are one chunk");
            // one insert of two chunks (a range's write gathers several), then one of the rest
            CopyTextRows all = text.get(0);
            int cut1 = lineEnd(all, all.length() / 3);
            int cut2 = lineEnd(all, 2 * all.length() / 3);
            fast.applyCopyText(List.of(slice(all, 0, cut1), slice(all, cut1, cut2)));
            fast.applyCopyText(List.of(slice(all, cut2, all.length())));

            List<RowChange> decoded = Collections.synchronizedList(new ArrayList<>());
            source.copy(ranges, null, 1, new SnapshotListener() {
                @Override
                public void onRows(SnapshotRange range, List<RowChange> rows) {
                    decoded.addAll(rows);
                }

                @Override
                public void onRangeDone(SnapshotRange range, long rows) {
                }
            }, () -> false);
            slow.apply(decoded);
        }
        Map<String, String> rowByRow = destinationRows(ch, slowDb, schema);
        Map<String, String> copyText = destinationRows(ch, fastDb, schema);
        assertEquals(8 + ManyTypesTable.GENERATED, rowByRow.size());
        RowVerifier.compare(rowByRow, copyText).assertClean("COPY-text path against the row-by-row path");
    }

    @Test
    void copyTextAndRowByRowLeaveTheSameRowsInClickHouse() throws Exception {
        copyBothWays("");
    }

    @Test
    void copyTextAndRowByRowLeaveTheSameRowsInClickHouseWithGzippedInserts() throws Exception {
        copyBothWays("?compress=gzip");
    }
}
