package dev.pipedeck.catalog;

import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.testing.TestCatalog;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stored snapshot plan reads back as the tables it was made for, whatever their names hold (dots and quotes in the
 * schema, a dot, a quote, a comma and unicode in the table), and a plan stored as {@code schema.name} by an older
 * version still reads and completes.
 */
class SnapshotRangeRepositoryTest {
    static final TableRef DOTTED_SCHEMA = new TableRef("we.ird \"Sch\"", "Ta\"b.le ü");
    static final TableRef DOTTED_TABLE = new TableRef("select", "Order.Items, x:y");

    @Test
    void rangesOfOddNamesReadBackAsTheirTables() {
        try (TestCatalog db = new TestCatalog("ranges")) {
            Pipe p = pipe(db, "ranges");
            SnapshotRangeRepository ranges = new SnapshotRangeRepository(db.catalog().dataSource());
            List<SnapshotRange> plan = List.of(new SnapshotRange(DOTTED_SCHEMA, 0, "0", "10", 500),
                    new SnapshotRange(DOTTED_SCHEMA, 1, "10", null, 400), new SnapshotRange(DOTTED_TABLE, 0, "0", null, 70));
            ranges.savePlan(p.id(), plan);
            assertEquals(plan.stream().sorted(SnapshotRangeRepositoryTest::byTableAndIndex).toList(),
                    ranges.pending(p.id()).stream().sorted(SnapshotRangeRepositoryTest::byTableAndIndex).toList());
            assertEquals(900, counter(db, p, DOTTED_SCHEMA).snapshotEstimated(), "the estimate is summed per table");

            ranges.markDone(p.id(), plan.get(0), 480);
            assertEquals(List.of(plan.get(2), plan.get(1)),
                    ranges.pending(p.id()).stream().sorted(SnapshotRangeRepositoryTest::byTableAndIndex).toList());
            assertFalse(counter(db, p, DOTTED_SCHEMA).snapshotDone(), "a range of the table is left");
            ranges.markDone(p.id(), plan.get(1), 410);
            assertTrue(counter(db, p, DOTTED_SCHEMA).snapshotDone(), "the table's last range is done");
            assertEquals(List.of(plan.get(2)), ranges.pending(p.id()));
        }
    }

    @Test
    void aPlanStoredAsSchemaDotNameByAnOlderVersionStillReadsAndCompletes() throws Exception {
        try (TestCatalog db = new TestCatalog("ranges_old")) {
            Pipe p = pipe(db, "old");
            // what versions before the quoted form wrote: schema.name, ambiguous once the schema has a dot in it
            try (Connection c = db.catalog().dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO snapshot_range (pipe_id, source_table, range_index, "
                         + "lower_bound, upper_bound, estimated_rows) VALUES (?, ?, 0, '0', NULL, 10)")) {
                for (TableRef t : List.of(DOTTED_SCHEMA, DOTTED_TABLE, new TableRef("public", "gone.table"))) {
                    ps.setLong(1, p.id());
                    ps.setString(2, t.toString());
                    ps.executeUpdate();
                }
            }
            SnapshotRangeRepository ranges = new SnapshotRangeRepository(db.catalog().dataSource());
            List<SnapshotRange> pending = ranges.pending(p.id());
            // the pipe's own tables are recognised; a name the pipe no longer has is split at its first dot
            assertEquals(List.of(new SnapshotRange(new TableRef("public", "gone.table"), 0, "0", null, 10),
                            new SnapshotRange(DOTTED_TABLE, 0, "0", null, 10), new SnapshotRange(DOTTED_SCHEMA, 0, "0", null, 10)),
                    pending.stream().sorted(SnapshotRangeRepositoryTest::byTableAndIndex).toList());
            for (SnapshotRange r : pending) {
                ranges.markDone(p.id(), r, 10);
            }
            assertEquals(List.of(), ranges.pending(p.id()), "the older rows are marked done too");
            assertTrue(counter(db, p, DOTTED_SCHEMA).snapshotDone());
        }
    }

    private static Pipe pipe(TestCatalog db, String name) {
        return db.control().create(new PipeSpec(name, "jdbc:postgresql://db.example:5432/shop?user=app",
                "duckdb:/tmp/" + name + ".duckdb", List.of(new TableMapping(DOTTED_SCHEMA, "a"), new TableMapping(DOTTED_TABLE, "b")),
                1000, PipeSpec.DEFAULT_SYNC_INTERVAL, 2), Actor.of(Actor.Kind.TEST));
    }

    private static TableCounter counter(TestCatalog db, Pipe p, TableRef t) {
        return new MetricsRepository(db.catalog().dataSource()).tableCounters(p.id()).stream()
                .filter(c -> c.sourceTable().equals(t.toString())).findFirst().orElseThrow();
    }

    private static int byTableAndIndex(SnapshotRange a, SnapshotRange b) {
        int c = a.table().toString().compareTo(b.table().toString());
        return c != 0 ? c : Integer.compare(a.index(), b.index());
    }
}
