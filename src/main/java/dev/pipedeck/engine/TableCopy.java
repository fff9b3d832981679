package dev.pipedeck.engine;

import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.SnapshotRange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SlotCreation;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Copies some of a pipe's tables at one consistent point X while the pipe's own slot stays where it is: a TEMPORARY
 * slot is created only for its exported snapshot and consistent point (exactly the transactions that commit before X
 * are in that snapshot), the tables are copied in that snapshot through the ordinary snapshot path (ranges, progress
 * in {@code snapshot_range}) into their shadow tables ({@code <table>_resync}, on a destination connection of their
 * own), and the temporary slot is dropped. What the caller must add: every change of these tables whose transaction
 * commits at or after X, and none before — the stream's per-table floor (added tables) or its dual write (a resync of
 * one table). Then the caller swaps the shadows in.
 */
final class TableCopy implements AutoCloseable {
    private final PipeContext ctx;
    private final Destination shadows;
    private final List<TableMapping> tables;
    private final Map<String, String> liveToShadow = new LinkedHashMap<>();
    private final SlotCreation slot;
    private final List<SnapshotRange> ranges;

    /**
     * Drops what an interrupted copy of these tables left (their shadows), prepares empty shadows, creates the
     * temporary slot and plans the ranges. {@code shadows} is owned by the copy from here on (closed by
     * {@link #close()}). Blocks until the slot is consistent (the server waits for transactions in progress).
     */
    TableCopy(PipeContext ctx, PostgresSource source, Destination shadows, List<TableMapping> tables, String pipeSlot) {
        this.ctx = ctx;
        this.shadows = shadows;
        this.tables = List.copyOf(tables);
        SlotCreation created = null;
        try {
            List<Destination.TableTarget> targets = new ArrayList<>();
            List<TableRef> sources = new ArrayList<>();
            for (TableMapping m : this.tables) {
                String shadow = Destination.shadowOf(m.destination());
                shadows.dropShadow(shadow);
                liveToShadow.put(m.destination(), shadow);
                targets.add(new Destination.TableTarget(source.readSchema(m.source()), shadow));
                sources.add(m.source());
            }
            shadows.prepare(targets);
            created = source.createTemporarySlot(temporarySlotName(pipeSlot));
            this.slot = created;
            this.ranges = source.planSnapshot(sources, ctx.options.rangesPerTable(),
                    ctx.ranges.settings(ctx.pipeId).rowsPerPartition());
            ctx.ranges.savePlan(ctx.pipeId, ranges);
        } catch (RuntimeException e) {
            if (created != null) {
                created.close();
            }
            shadows.close();
            throw e;
        }
    }

    /** A name of its own next to the pipe's slot: {@code <slot>_t<random>}, at most 63 characters. */
    static String temporarySlotName(String pipeSlot) {
        byte[] r = new byte[4];
        ThreadLocalRandom.current().nextBytes(r);
        String suffix = "_t" + HexFormat.of().formatHex(r);
        String base = pipeSlot.length() > 63 - suffix.length() ? pipeSlot.substring(0, 63 - suffix.length()) : pipeSlot;
        return base + suffix;
    }

    /** X: the transactions that commit before it are in the copy, those at or after it are not. */
    Lsn point() {
        return slot.consistentPoint();
    }

    List<TableMapping> tables() {
        return tables;
    }

    /** Live destination table → its shadow. */
    Map<String, String> liveToShadow() {
        return liveToShadow;
    }

    String shadowOf(TableRef table) {
        for (TableMapping m : tables) {
            if (m.source().equals(table)) {
                return liveToShadow.get(m.destination());
            }
        }
        return null;
    }

    /** The destination connection the shadows are written through (for the caller's writes of later changes). */
    Destination shadows() {
        return shadows;
    }

    /**
     * Copies the planned ranges in the temporary slot's snapshot into the shadows; true when every range is copied,
     * false when stopped (a pause or a shutdown). The temporary slot is dropped at the end either way.
     */
    boolean copy(int parallelism, int batchSize, PostgresSource source) {
        return copy(parallelism, batchSize, source, () -> false);
    }

    /** As above, also stopped once {@code cancelled} says so. */
    boolean copy(int parallelism, int batchSize, PostgresSource source, BooleanSupplier cancelled) {
        try {
            return new SnapshotPhase(ctx).copy(source, shadows, ranges, slot.snapshotName(), parallelism, batchSize,
                    cancelled);
        } finally {
            slot.close();
        }
    }

    /** Drops the temporary slot (if still there) and closes the shadows' destination connection; idempotent. */
    @Override
    public void close() {
        slot.close();
        shadows.close();
    }
}
