package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SyncBatch;
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

/**
 * Streams changes from the slot into the destination in batches, closed on size or time. For each batch, in this
 * order and never another: the destination has it, the catalog records it, then its position is confirmed to Postgres.
 * The next batch is read while one is written ({@link BatchWriter}), never more than one ahead.
 * Stops only between transactions (a pause leaves the destination consistent as of one commit).
 */
final class StreamPhase {
    private static final Duration POLL = Duration.ofMillis(50);
    /** How long the stream must stay silent, at a transaction boundary, for a batch to close before its interval. */
    private static final Duration QUIET = Duration.ofMillis(10);
    /** A batch closes early (quiet stream) at most this many times per sync interval, so inserts stay large. */
    private static final int EARLY_FLUSHES_PER_INTERVAL = 5;
    /** {@code -Dpipedeck.stream.earlyFlush=false}: batches close on size or interval only (to compare the two). */
    private static final boolean EARLY_FLUSH = !"false".equalsIgnoreCase(System.getProperty("pipedeck.stream.earlyFlush"));
    private static final Logger LOG = LoggerFactory.getLogger(StreamPhase.class);
    private final PipeContext ctx;

    StreamPhase(PipeContext ctx) {
        this.ctx = ctx;
    }

    void run(Pipe pipe, PostgresSource source, Destination destination, PipeStatus enteringFrom) {
        // transactions whose commit lies before what the catalog recorded are already in the destination:
        // they can come again only if the process died between recording a batch and confirming it
        long recorded = pipe.confirmedLsn();
        try (ReplicationStream stream = source.openStream(pipe.slotName(), pipe.publicationName(), new Lsn(recorded));
             BatchWriter writer = new BatchWriter(pipe.name())) {
            ctx.lag.streaming(true);
            ctx.setStatus(PipeStatus.RUNNING, enteringFrom == PipeStatus.RESUMING ? "resumed from " + stream.confirmed() : "streaming changes");
            long intervalNanos = pipe.syncInterval().toNanos();
            ChangeBatch batch = new ChangeBatch(SyncBatch.Kind.CDC);
            long batchOpenedAt = System.nanoTime();
            boolean inTransaction = false;
            boolean skip = false;
            long lastHeartbeat = System.nanoTime();
            long lastFlushAt = System.nanoTime();
            long earlyGapNanos = intervalNanos / EARLY_FLUSHES_PER_INTERVAL;
            while (true) {
                ctx.throwIfFailed();
                writer.poll(stream);
                if (!inTransaction && ctx.shouldStop()) {
                    flush(batch, stream, destination, writer);
                    writer.await(stream);
                    return;
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
                } else if (event instanceof SourceEvent.Change c) {
                    if (!skip) {
                        batch.add(c.change());
                    }
                } else if (event instanceof SourceEvent.Commit c) {
                    inTransaction = false;
                    if (!skip) {
                        batch.commit(c.commitLsn(), c.endLsn(), c.commitTime());
                        ctx.lag.read(c.commitTime());
                    }
                } else if (event instanceof SourceEvent.SchemaChanged s) {
                    batch = flush(batch, stream, destination, writer);
                    writer.await(stream);
                    destination.evolve(ctx.target(s.schema()));
                    if (s.notice() != null) {
                        ctx.setStatus(PipeStatus.RUNNING, s.notice());
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
                            TableSchema schema = ctx.schema(table);
                            if (schema == null) {
                                schema = source.readSchema(table);
                                ctx.target(schema);
                            }
                            batch.add(new RowChange(ChangeKind.TRUNCATE, schema, null, t.lsn(), 0, null));
                        }
                    }
                }
                boolean full = batch.size() >= pipe.batchSize();
                boolean due = !batch.isEmpty() && System.nanoTime() - batchOpenedAt >= intervalNanos;
                boolean quiet = mayCloseEarly && event == null;
                if (full || due || quiet) {
                    batch = flush(batch, stream, destination, writer);
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
    private ChangeBatch flush(ChangeBatch batch, ReplicationStream stream, Destination destination, BatchWriter writer) {
        if (batch.isEmpty()) {
            return batch;
        }
        ctx.lag.submitted();
        writer.submit(() -> {
            if (!batch.changes().isEmpty()) {
                destination.apply(batch.changes());
            }
            // recorded even without rows when it completes a transaction whose rows went out in an earlier batch
            SyncBatch record = batch.toRecord(ctx.pipeId);
            ctx.metrics.recordBatch(record, batch.confirmLsn());
            ctx.lag.applied(record.commitTime());
        }, batch.confirmLsn(), stream);
        return new ChangeBatch(SyncBatch.Kind.CDC);
    }
}
