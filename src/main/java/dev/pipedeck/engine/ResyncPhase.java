package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.ResyncRepository;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.SlotCreation;
import dev.pipedeck.source.pg.SourceProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resync of a whole pipe: the old slot (if any) and the publication are dropped and created afresh, every table is
 * copied in the new slot's exported snapshot into a shadow table ({@code <table>_resync}) while the live tables stay
 * as they were, then the shadows are swapped in at once and the old tables dropped; streaming continues from the new
 * slot. Nothing is confirmed from the new slot before the swap. Interrupted anywhere (crash, failure, shutdown), the
 * resync stays pending in the catalog and starts over: leftover shadows are dropped first.
 */
final class ResyncPhase {
    private static final Logger LOG = LoggerFactory.getLogger(ResyncPhase.class);
    private final PipeContext ctx;

    ResyncPhase(PipeContext ctx) {
        this.ctx = ctx;
    }

    /** True once the fresh copy is swapped in (the caller streams next); false when stopped early. */
    boolean run(Pipe p, PostgresSource source, Destination destination) {
        long started = System.nanoTime();
        ResyncRepository resyncs = ctx.pipes.resyncs();
        List<TableRef> tables = ctx.sourceTables();
        ctx.setStatus(PipeStatus.RESYNCING, "resync: checking the source and creating a new slot " + p.slotName());
        List<SourceProblem> problems = source.validate(tables);
        if (!problems.isEmpty()) {
            List<String> text = new ArrayList<>();
            problems.forEach(pr -> text.add(pr.toString()));
            throw PipeDeckException.permanent(String.join("; ", text));
        }
        // the old slot cannot be used again (dropped, lost, or its changes since a dropped publication unreadable),
        // and a dropped publication cannot be repaired under it: both are created afresh
        source.drop(p.slotName(), p.publicationName());
        source.ensurePublication(p.publicationName(), tables);

        Map<String, String> liveToShadow = new LinkedHashMap<>();
        List<TableMapping> shadows = new ArrayList<>();
        for (TableMapping m : p.tables()) {
            String shadow = Destination.shadowOf(m.destination());
            destination.dropShadow(shadow); // left by an interrupted resync: its rows are of an older snapshot
            liveToShadow.put(m.destination(), shadow);
            shadows.add(new TableMapping(m.source(), shadow));
        }
        ctx.useTables(shadows);
        prepare(source, destination);
        boolean done;
        try (SlotCreation slot = source.createSlot(p.slotName())) {
            resyncs.restartFromNewSlot(ctx.pipeId, slot.consistentPoint());
            ctx.ranges.savePlan(ctx.pipeId, source.planSnapshot(tables, ctx.options.rangesPerTable()));
            ctx.setStatus(PipeStatus.RESYNCING, "resync: copying " + tables.size() + " table(s) afresh into shadow "
                    + "tables (" + String.join(", ", liveToShadow.values()) + "); the destination tables stay as they "
                    + "were until the copy is complete");
            done = new SnapshotPhase(ctx).copy(source, destination, ctx.ranges.pending(ctx.pipeId), slot.snapshotName(),
                    p.snapshotParallelism(), p.batchSize());
        }
        if (!done) {
            ctx.useTables(p.tables());
            return false;
        }
        destination.swapIn(liveToShadow);
        ctx.useTables(p.tables());
        prepare(source, destination);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Pipe now = ctx.load();
        String message = "resync done: " + tables.size() + " table(s) copied afresh in " + took.toSeconds()
                + " s and swapped in; streaming from the new slot " + p.slotName() + " from "
                + Lsn.format(now == null ? 0 : now.confirmedLsn())
                + "; batches and counters before the resync are kept as history";
        // the fresh copy holds every table, those added by an edit too: their own copies and floors are moot
        for (TableMapping m : ctx.pipes.tableCopies().pending(ctx.pipeId)) {
            if (tables.contains(m.source())) {
                ctx.pipes.tableCopies().done(ctx.pipeId, m.source());
            }
        }
        ctx.pipes.tableFloors().forget(ctx.pipeId, tables);
        resyncs.finished(ctx.pipeId, took, ctx.actor, message);
        LOG.info("pipe {}: {}", p.name(), message);
        return true;
    }

    private void prepare(PostgresSource source, Destination destination) {
        List<Destination.TableTarget> targets = new ArrayList<>();
        for (TableRef t : ctx.sourceTables()) {
            targets.add(ctx.target(source.readSchema(t)));
        }
        destination.prepare(targets);
    }
}
