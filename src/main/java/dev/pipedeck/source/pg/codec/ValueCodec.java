package dev.pipedeck.source.pg.codec;

/**
 * Decodes one value from the text representation Postgres produces with the type's output function. pgoutput
 * (proto 1) and COPY text both send exactly that text, so one codec serves the stream and the snapshot.
 */
@FunctionalInterface
public interface ValueCodec {
    /** {@code text} is never null (SQL NULL is handled by the caller). */
    Object decode(String text);
}
