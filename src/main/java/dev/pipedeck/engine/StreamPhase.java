package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.change.Advice;
import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.source.pg.PgSource;
import dev.pipedeck.source.pg.PostgresSource;
import dev.pipedeck.source.pg.ReplicationStream;
import dev.pipedeck.source.pg.SourceEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Streams changes from the slot into the destination in batches, closed on size or time. For each batch, in this
 * order and never another: the destination has it, the catalog records it, then its position is confirmed to Postgres.
 * The next batch is read while one is written ({@link BatchWriter}), never more than one ahead.
 * Stops only between transactions (a pause leaves the destination consistent as of one commit).
 */
final class StreamPhase {
    private static final Duration POLL = Duration.ofMillis(50);
    /** How long opening the stream keeps ending a previous owner's session that holds the slot, 100 ms apart. */
    static final Duration TAKE_OVER = Duration.ofSeconds(10);
    /** How long the stream must stay silent, at a transaction boundary, for a batch to close before its interval. */
    private static final Duration QUIET = Duration.ofMillis(10);
    /** A batch closes early (quiet stream) at most this many times per sync interval, so inserts stay large. */
    private static final int EARLY_FLUSHES_PER_INTERVAL = 5;
    /** {@code -Dpipedeck.stream.earlyFlush=false}: batches close on size or interval only (to compare the two). */
    private static final boolean EARLY_FLUSH = !"false".equalsIgnoreCase(System.getProperty("pipedeck.stream.earlyFlush"));
    /**
     * A batch also closes when its changes hold about this much memory, inside a transaction too (such a batch confirms
     * nothing): a transaction of wide rows then needs two of these at most, one written and one filled, whatever its
     * row count.
     */
    static final long BATCH_BYTES = 32L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(StreamPhase.class);
    private final PipeContext ctx;

    StreamPhase(PipeContext ctx) {
        this.ctx = ctx;
    }

    void run(Pipe pipe, PostgresSource source, Destination destination, PipeStatus enteringFrom) {
        run(pipe, source, destination, enteringFrom, null);
    }

    /**
     * As above; {@code openShadows} opens another connection to the destination for a resync of one table (null: no
     * table is resynced while streaming).
     */
    void run(Pipe pipe, PostgresSource source, Destination destination, PipeStatus enteringFrom,
             Supplier<Destination> openShadows) {
        // transactions whose commit lies before what the catalog recorded are already in the destination:
        // they can come again only if the process died between recording a batch and confirming it
        long recorded = pipe.confirmedLsn();
        StreamFloors floors = new StreamFloors(ctx);
        // this worker holds the pipe's claim, so a session still holding the slot is a previous owner's: end it
        try (ReplicationStream stream = source.openStream(pipe.slotName(), pipe.publicationName(), new Lsn(recorded),
                TAKE_OVER);
             TableResync resync = openShadows == null ? null
                     : new TableResync(ctx, pipe, source, destination, openShadows);
             BatchWriter writer = new BatchWriter(pipe.name())) {
            ctx.lag.streaming(true);
            ctx.setStatus(PipeStatus.RUNNING, enteringFrom == PipeStatus.RESUMING ? "resumed from " + stream.confirmed() : "streaming changes");
            long intervalNanos = pipe.syncInterval().toNanos();
            ChangeBatch batch = new ChangeBatch(SyncBatch.Kind.CDC);
            long batchOpenedAt = System.nanoTime();
            boolean inTransaction = false;
            boolean skip = false;
            long commitLsn = 0;
            long lastHeartbeat = System.nanoTime();
            long lastFlushAt = System.nanoTime();
            long earlyGapNanos = intervalNanos / EARLY_FLUSHES_PER_INTERVAL;
            while (true) {
                ctx.throwIfFailed();
                writer.poll(stream);
                floors.forgetPassed(stream.confirmed());
                if (!inTransaction && ctx.shouldStop()) {
                    flush(batch, stream, destination, writer, resync);
                    writer.await(stream);
                    return;
                }
                if (!inTransaction && resync != null && resync.wantsBoundary()) {
                    // a resync of one table starts or swaps in with everything read written and confirmed
                    batch = flush(batch, stream, destination, writer, resync);
                    writer.await(stream);
                    floors.forgetPassed(stream.confirmed());
                    resync.atBoundary(stream.confirmed());
                }
                if (!inTransaction && batch.isEmpty() && writer.idle() && System.nanoTime() - lastHeartbeat > ctx.options.heartbeatInterval().toNanos()) {
                    heartbeat(source);
                    lastHeartbeat = System.nanoTime();
                }
                // a batch of whole transactions, nothing being written and the last flush a while ago: if the stream
                // stays quiet a moment (the source has sent all it has), write it now instead of at the interval
                boolean mayCloseEarly = EARLY_FLUSH && !inTransaction && batch.size() > 0 && batch.confirmLsn() != null && writer.idle()
                        && System.nanoTime() - lastFlushAt >= earlyGapNanos;
                SourceEvent event = stream.poll(mayCloseEarly ? QUIET : POLL);
                if (event == null && !inTransaction && batch.isEmpty() && writer.idle()) {
                    ctx.lag.idle();
                }
                if (event instanceof SourceEvent.Begin b) {
                    inTransaction = true;
                    skip = Long.compareUnsigned(b.finalLsn(), recorded) < 0;
                    commitLsn = b.finalLsn();
                } else if (event instanceof SourceEvent.Change c) {
                    TableRef table = c.change().schema().table();
                    // a table removed by an edit still comes from WAL written before the publication changed
                    if (!skip && ctx.captures(table)) {
                        if (!floors.skips(table, commitLsn)) {
                            batch.add(c.change(), c.heapBytes());
                        }
                        if (resync != null && resync.dualWrite(table, commitLsn)) {
                            batch.addSecond(c.change());
                        }
                    }
                } else if (event instanceof SourceEvent.Commit c) {
                    inTransaction = false;
                    if (!skip) {
                        batch.commit(c.commitLsn(), c.endLsn(), c.commitTime());
                        ctx.lag.read(c.commitTime());
                    }
                } else if (event instanceof SourceEvent.SchemaChanged s) {
                    if (!ctx.captures(s.schema().table())) {
                        continue; // a table the pipe no longer captures
                    }
                    batch = flush(batch, stream, destination, writer, resync);
                    writer.await(stream);
                    destination.evolve(ctx.target(s.schema()));
                    if (resync != null) {
                        resync.evolve(s.schema());
                    }
                    if (s.notice() != null) {
                        ctx.setStatus(PipeStatus.RUNNING, Advice.forPipe(s.notice(), pipe.name()));
                    }
                } else if (event instanceof SourceEvent.Message m) {
                    if (!inTransaction && batch.isEmpty() && writer.idle() && PgSource.HEARTBEAT_PREFIX.equals(m.prefix())) {
                        // nothing of ours is pending before this point: confirming it lets the slot release WAL
                        // that other databases' traffic wrote while the captured tables were idle
                        stream.confirm(new Lsn(m.lsn()));
                    }
                } else if (event instanceof SourceEvent.Truncate t) {
                    if (!skip) {
                        for (TableRef table : t.tables()) {
                            if (!ctx.captures(table)) {
                                continue;
                            }
                            TableSchema schema = ctx.schema(table);
                            if (schema == null) {
                                schema = source.readSchema(table);
                                ctx.target(schema);
                            }
                            RowChange truncate = new RowChange(ChangeKind.TRUNCATE, schema, null, t.lsn(), 0, null);
                            if (!floors.skips(table, commitLsn)) {
                                batch.add(truncate);
                            }
                            if (resync != null && resync.dualWrite(table, commitLsn)) {
                                batch.addSecond(truncate);
                            }
                        }
                    }
                }
                boolean full = batch.size() >= pipe.batchSize() || batch.heapBytes() >= BATCH_BYTES;
                boolean due = !batch.isEmpty() && System.nanoTime() - batchOpenedAt >= intervalNanos;
                boolean quiet = mayCloseEarly && event == null;
                if (full || due || quiet) {
                    batch = flush(batch, stream, destination, writer, resync);
                    batchOpenedAt = System.nanoTime();
                    lastFlushAt = batchOpenedAt;
                } else if (batch.isEmpty()) {
                    batchOpenedAt = System.nanoTime();
                }
            }
        } finally {
            ctx.lag.streaming(false);
        }
    }

    private static void heartbeat(PostgresSource source) {
        try {
            source.heartbeat();
        } catch (RuntimeException e) {
            LOG.debug("heartbeat failed: {}", e.getMessage());
        }
    }

    /**
     * Hands the batch to the writer (destination, then catalog; its position is confirmed once both have it) and
     * returns a fresh batch to fill meanwhile.
     */
    private ChangeBatch flush(ChangeBatch batch, ReplicationStream stream, Destination destination, BatchWriter writer,
                              TableResync resync) {
        if (batch.isEmpty()) {
            return batch;
        }
        ctx.lag.submitted();
        writer.submit(() -> {
            ctx.throwIfClaimLost(); // another worker may own the pipe now: write nothing more
            if (!batch.changes().isEmpty()) {
                destination.apply(batch.changes());
            }
            if (resync != null && !batch.secondChanges().isEmpty()) {
                resync.applyToShadow(batch.secondChanges()); // before the batch is recorded and confirmed
            }
            // recorded even without rows when it completes a transaction whose rows went out in an earlier batch
            SyncBatch record = batch.toRecord(ctx.pipeId);
            ctx.metrics.recordBatch(record, batch.confirmLsn());
            ctx.lag.applied(record.commitTime());
        }, batch.confirmLsn(), stream);
        return new ChangeBatch(SyncBatch.Kind.CDC);
    }
}
