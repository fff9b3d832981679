package dev.pipedeck.engine;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.TableFloorRepository;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PostgresSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Tables added to a paused pipe (pending rows of {@code pipe_table_copy}), applied before the pipe streams again
 * (status MODIFYING): only the new tables are copied, at a consistent point X of their own ({@link TableCopy}), into
 * shadows swapped in when the copy is complete; each gets the floor X, so the stream — which starts again at the
 * pipe's confirmed position, before X — applies their changes only from transactions that commit at or after X.
 * Interrupted, the copy starts over (the shadow is dropped first); the pending rows go only once the table is in place.
 */
final class AddedTables {
    private static final Logger LOG = LoggerFactory.getLogger(AddedTables.class);
    private final PipeContext ctx;

    AddedTables(PipeContext ctx) {
        this.ctx = ctx;
    }

    /** Copies the pending tables; true when there were none or all are in place, false when stopped early. */
    boolean run(Pipe p, PostgresSource source, Destination destination, Supplier<Destination> openShadows) {
        List<TableMapping> adding = ctx.pipes.tableCopies().pending(ctx.pipeId);
        if (adding.isEmpty()) {
            return true;
        }
        if (ResyncSupport.unsupportedAdd(p).isPresent()) {
            // refused at the edit already; a pipe edited before that rule: the copy lands in shadow tables renamed into place on one server; a cluster's tables live on every shard
            throw PipeDeckException.permanent("Adding tables to a pipe that writes to a ClickHouse cluster is not "
                    + "supported yet, so " + adding.stream().map(m -> m.source().toString()).collect(Collectors.joining(", "))
                    + " cannot be copied. Pause the pipe, take them out again (pipedeck pipe edit " + p.name()
                    + " --remove-tables ...) and resume it; or delete the pipe and create it with every table.");
        }
        long started = System.nanoTime();
        TableFloorRepository floors = ctx.pipes.tableFloors();
        List<TableRef> sources = adding.stream().map(TableMapping::source).toList();
        String names = sources.stream().map(TableRef::toString).collect(Collectors.joining(", "));
        ctx.setStatus(PipeStatus.MODIFYING, "adding " + names + ": taking a consistent point to copy "
                + (adding.size() == 1 ? "it" : "them") + " at");
        Lsn point;
        try (TableCopy copy = new TableCopy(ctx, source, openShadows.get(), adding, p.slotName())) {
            point = copy.point();
            // before a row of the copy can be in place: the stream restarts below X and must skip what the copy holds
            sources.forEach(t -> floors.set(ctx.pipeId, t, point));
            String doing = "adding " + names + ": copying " + (adding.size() == 1 ? "it" : "them") + " as of "
                    + point + " (the other tables wait, nothing is lost)";
            ctx.setStatus(PipeStatus.MODIFYING, doing);
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pipe-" + p.name() + "-copy-progress");
                t.setDaemon(true);
                return t;
            });
            boolean done;
            try {
                progress.scheduleWithFixedDelay(() -> report(doing, sources), 2, 2, TimeUnit.SECONDS);
                done = copy.copy(p.snapshotParallelism(), p.batchSize(), source);
            } finally {
                progress.shutdownNow();
                awaitQuietly(progress);
            }
            if (!done) {
                // stopped (a pause, a shutdown): the copy starts over on the next run, and the table may be taken out
                // meanwhile, so its half-filled shadow does not stay in the destination
                copy.close();
                dropShadows(destination, copy.liveToShadow().values());
                return false;
            }
            copy.close(); // the shadows' connection goes before their tables are renamed
            destination.swapIn(copy.liveToShadow());
        }
        List<Destination.TableTarget> live = new ArrayList<>();
        for (TableRef t : sources) {
            live.add(ctx.target(source.readSchema(t)));
        }
        destination.prepare(live);
        for (TableRef t : sources) {
            ctx.pipes.tableCopies().done(ctx.pipeId, t);
        }
        LOG.info("pipe {}: added {} (copied as of {} in {} s); streaming them from there", p.name(), names, point,
                (System.nanoTime() - started) / 1_000_000_000L);
        return true;
    }

    private void dropShadows(Destination destination, Collection<String> shadows) {
        for (String shadow : shadows) {
            try {
                destination.dropShadow(shadow);
            } catch (RuntimeException e) {
                LOG.warn("pipe {}: could not drop the unfinished copy {} (it is dropped before the next copy): {}",
                        ctx.pipeId, shadow, e.getMessage());
            }
        }
    }

    private void report(String doing, List<TableRef> sources) {
        try {
            if (ctx.watch.current() == DesiredState.RUNNING && !ctx.stopping()) {
                ctx.setStatus(PipeStatus.MODIFYING, doing + "; " + CopyProgress.of(ctx, sources));
            }
        } catch (RuntimeException e) {
            LOG.debug("could not report the copy's progress: {}", e.getMessage());
        }
    }

    private static void awaitQuietly(ScheduledExecutorService s) {
        try {
            s.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
