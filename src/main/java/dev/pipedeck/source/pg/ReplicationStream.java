package dev.pipedeck.source.pg;

import dev.pipedeck.change.Lsn;

import java.time.Duration;

/**
 * A pgoutput stream on a slot. Not thread-safe: one reader. Keep-alives are answered inside {@link #poll},
 * so call it at least every few seconds. Nothing is confirmed to the server unless {@link #confirm} is called.
 */
public interface ReplicationStream extends AutoCloseable {
    /**
     * The next event, or {@code null} when none arrived within {@code timeout}.
     *
     * @throws dev.pipedeck.change.PipeDeckException TRANSIENT when the connection dropped, PERMANENT when the slot
     *                                               or publication is gone
     */
    SourceEvent poll(Duration timeout);

    /** Tells the server that everything up to {@code lsn} is safe in the destination (flushed and applied). */
    void confirm(Lsn lsn);

    /** The last position confirmed through this stream (or the start position). */
    Lsn confirmed();

    @Override
    void close();
}
