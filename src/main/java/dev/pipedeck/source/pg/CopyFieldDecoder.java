package dev.pipedeck.source.pg;

import dev.pipedeck.change.CopyTextRows;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.source.pg.codec.TypeCodecs;
import dev.pipedeck.source.pg.codec.ValueCodec;

/**
 * Decodes one field of a table's COPY text the way the row-by-row copy does (escapes undone, then the column's
 * codec), for the fields a destination cannot pass on as text.
 */
public final class CopyFieldDecoder implements CopyTextRows.FieldDecoder {
    private final ValueCodec[] codecs;

    public CopyFieldDecoder(TableSchema schema) {
        this.codecs = schema.columns().stream().map(TypeCodecs::forColumn).toArray(ValueCodec[]::new);
    }

    @Override
    public Object decode(int column, byte[] data, int from, int to) {
        String text = CopyTextParser.field(data, from, to);
        return text == null ? null : codecs[column].decode(text);
    }
}
