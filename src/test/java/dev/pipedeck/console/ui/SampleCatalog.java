package dev.pipedeck.console.ui;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.NewPipe;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.catalog.TableCounts;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.PipeControl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Realistic pipes, batches and slot samples for screenshots (when the demo environment is not in this build). */
final class SampleCatalog {
    static final long MB = 1024L * 1024;
    private final CatalogFixture c;
    private final Random random = new Random(42);
    private final Actor engine = Actor.of(Actor.Kind.ENGINE);

    SampleCatalog(CatalogFixture c) {
        this.c = c;
    }

    void seed() {
        Instant now = Instant.now();
        Pipe shop = pipe("shop-demo", "jdbc:postgresql://127.0.0.1:54321/shop", "duckdb:/home/alice/.pipedeck/demo/shop.duckdb",
                List.of("public.orders", "public.order_items", "public.customers", "public.products"));
        streaming(shop, now, 15, 900, 0);
        samples(shop, now, 60, 18 * MB, 2 * MB, false, 0, null);
        snapshotDone(shop, 48_210);
        c.pipes.updateStatus(shop.id(), PipeStatus.RUNNING, "streaming changes", engine);

        Pipe orders = pipe("orders-analytics", "jdbc:postgresql://pg-prod-1.internal:5432/orders",
                "clickhouse://ingest@clickhouse.internal:8123/analytics", List.of("public.orders", "public.refunds"));
        streaming(orders, now.minus(Duration.ofMinutes(7)), 8, 2_400, 0);
        samples(orders, now, 60, 220 * MB, 8 * MB, true, 7, 8192 * MB);
        snapshotDone(orders, 1_920_400);
        c.pipes.recordConsistentAsOf(orders.id(), 0x1A3F29B8L, now.minus(Duration.ofMinutes(7)));
        c.sql("UPDATE pipe SET desired_state = 'PAUSED' WHERE id = " + orders.id());
        c.pipes.updateStatus(orders.id(), PipeStatus.PAUSING, "pausing at a transaction boundary", engine);
        c.pipes.updateStatus(orders.id(), PipeStatus.PAUSED, "paused by alice@laptop (console)", engine);
        c.sql("UPDATE pipe SET status_changed_at = now() - interval '7 minutes' WHERE id = " + orders.id());

        Pipe billing = pipe("billing-events", "jdbc:postgresql://pg-billing.internal:5432/billing",
                "clickhouse://ingest@clickhouse.internal:8123/billing", List.of("public.invoices", "public.payments", "public.ledger"));
        c.sql("UPDATE table_counter SET snapshot_estimated = 4200000, snapshot_rows = 1890000 WHERE pipe_id = " + billing.id()
                + " AND source_table = 'public.ledger'");
        c.sql("UPDATE table_counter SET snapshot_estimated = 310000, snapshot_rows = 310000, snapshot_done = true WHERE pipe_id = "
                + billing.id() + " AND source_table <> 'public.ledger'");
        samples(billing, now, 10, 640 * MB, 640 * MB, true, 0, null);
        c.pipes.updateStatus(billing.id(), PipeStatus.SNAPSHOT, "copying public.ledger (45%)", engine);

        Pipe crm = pipe("crm-sync", "jdbc:postgresql://crm-db.internal:5432/crm", "clickhouse://ingest@clickhouse.internal:8123/crm",
                List.of("public.accounts", "public.contacts"));
        streaming(crm, now.minus(Duration.ofMinutes(40)), 5, 120, 0);
        samples(crm, now, 60, 95 * MB, 60 * MB, false, 0, null);
        c.pipes.recordError(crm.id(), "password authentication failed for user \"replicator\" (SQLSTATE 28P01)");
        c.pipes.updateStatus(crm.id(), PipeStatus.FAILED, "the source refused the login", engine);

        Pipe inventory = pipe("inventory", "jdbc:postgresql://pg-prod-2.internal:5432/warehouse",
                "clickhouse://ingest@clickhouse.internal:8123/analytics", List.of("public.stock_levels", "public.movements"));
        streaming(inventory, now, 15, 300, 0);
        samples(inventory, now, 60, 6 * MB, MB / 2, false, 0, null);
        c.pipes.updateStatus(inventory.id(), PipeStatus.RUNNING, "streaming changes", engine);

        Pipe events = pipe("web-events", "jdbc:postgresql://pg-events.internal:5432/events",
                "clickhouse://ingest@clickhouse.internal:8123/events", List.of("public.page_views"));
        streaming(events, now.minus(Duration.ofMinutes(2)), 10, 5_000, 0);
        samples(events, now, 60, 1300 * MB, 40 * MB, true, 2, 4096 * MB);
        c.sql("UPDATE pipe SET desired_state = 'PAUSED' WHERE id = " + events.id());
        c.pipes.updateStatus(events.id(), PipeStatus.PAUSING, "pausing at a transaction boundary", engine);
    }

    private Pipe pipe(String name, String source, String destination, List<String> tables) {
        String slot = PipeControl.slotName(name);
        Pipe p = c.pipes.insert(new NewPipe(name, source + "?user=replicator", "replicator", null, destination, null,
                tables.stream().map(t -> new TableMapping(TableRef.parse(t), TableRef.parse(t).name())).toList(),
                100_000, Duration.ofSeconds(1), 4, slot, slot, "alice@laptop (console)"), Actor.of(Actor.Kind.CONSOLE));
        c.pipes.setOwner(p.id(), "console-laptop");
        c.pipes.markSlotCreated(p.id(), 0x16000000L);
        c.pipes.updateStatus(p.id(), PipeStatus.SNAPSHOT, "snapshot", engine);
        return p;
    }

    private void snapshotDone(Pipe p, long rows) {
        c.sql("UPDATE table_counter SET snapshot_estimated = " + rows + ", snapshot_done = true WHERE pipe_id = " + p.id());
        c.pipes.markSnapshotDone(p.id());
    }

    /** One batch every ~10 s over {@code minutes} minutes until {@code until}, around {@code rowsPerBatch} rows. */
    private void streaming(Pipe p, Instant until, int minutes, int rowsPerBatch, long lsnBase) {
        long lsn = 0x19000000L + lsnBase;
        String table = p.tables().get(0).source().toString();
        String second = p.tables().size() > 1 ? p.tables().get(1).source().toString() : table;
        for (Instant t = until.minus(Duration.ofMinutes(minutes)); t.isBefore(until); t = t.plusSeconds(10)) {
            double wave = 1 + 0.5 * Math.sin(t.getEpochSecond() / 120.0);
            long rows = Math.max(1, (long) (rowsPerBatch * wave * (0.7 + 0.6 * random.nextDouble())));
            long size = rows * 180;
            Instant end = t.plusMillis(200 + random.nextInt(600));
            Map<String, TableCounts> byTable = new java.util.HashMap<>();
            byTable.put(table, new TableCounts(rows * 6 / 10, rows * 3 / 10, rows / 20, 0));
            byTable.merge(second, new TableCounts(rows / 20, 0, 0, 0), TableCounts::plus);
            c.metrics.recordBatch(new SyncBatch(0, p.id(), SyncBatch.Kind.CDC, lsn, lsn + size, t, end, byTable, lsn + size - 40, end));
            lsn += size + 1024;
        }
    }

    /**
     * Slot samples every 30 s over the last {@code minutes}: retained WAL stays near {@code base} while streaming and
     * grows steadily for the last {@code pausedMinutes}.
     */
    private void samples(Pipe p, Instant now, int minutes, long base, long backlog, boolean growing, int pausedMinutes, Long maxKeep) {
        Instant pausedAt = now.minus(Duration.ofMinutes(pausedMinutes));
        long current = 0x1A000000L;
        for (Instant t = now.minus(Duration.ofMinutes(minutes)); !t.isAfter(now); t = t.plusSeconds(30)) {
            long retained = base + (long) (random.nextDouble() * 4 * MB);
            long back = backlog + (long) (random.nextDouble() * MB);
            if (growing && pausedMinutes > 0 && t.isAfter(pausedAt)) {
                long grown = Duration.between(pausedAt, t).toSeconds() * 3 * MB / 2;
                retained += grown;
                back += grown;
            }
            Long safe = maxKeep == null ? null : maxKeep - retained;
            c.metrics.recordSlotSample(new SlotSampleRow(p.id(), t, true, !(growing && t.isAfter(pausedAt)), retained, back,
                    maxKeep == null ? "reserved" : (safe < maxKeep / 4 ? "extended" : "reserved"), safe, maxKeep == null ? -1L : maxKeep,
                    current + retained, current + retained - back, current));
        }
    }
}
