package dev.pipedeck.source.pg;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.source.pg.PgOutputMessages.Relation;
import dev.pipedeck.source.pg.PgOutputMessages.Tuple;
import dev.pipedeck.source.pg.codec.TypeCodecs;
import dev.pipedeck.source.pg.codec.ValueCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes pgoutput (protocol 1) messages into {@link SourceEvent}s, one message at a time, keeping only the relation
 * cache and the current transaction's commit position: nothing is buffered, so a transaction of any size streams
 * through in bounded memory. Database look-ups (types, unchanged TOAST values) are delegated to the two interfaces.
 */
final class PgOutputDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(PgOutputDecoder.class);

    /** Turns a Relation message into the table's schema (types resolved, keys marked). */
    interface SchemaResolver {
        TableSchema resolve(Relation relation);
    }

    /**
     * Fetches the current text of {@code columns} of the row whose key columns have {@code keyTexts} (aligned with
     * {@code schema.keyColumns()}); null when the row no longer exists.
     */
    interface ToastLookup {
        String[] lookup(TableSchema schema, String[] keyTexts, List<ColumnSpec> columns);
    }

    private record RelState(TableSchema schema, ValueCodec[] codecs, int[] keyIndexes) {}

    private final SchemaResolver schemas;
    private final ToastLookup toast;
    private final Map<Integer, RelState> relations = new HashMap<>();
    private long commitLsn;
    private Instant commitTime;

    PgOutputDecoder(SchemaResolver schemas, ToastLookup toast) {
        this.schemas = schemas;
        this.toast = toast;
    }

    /** Decodes the message in {@code b} received at WAL position {@code lsn}; null for messages with no event. */
    SourceEvent decode(ByteBuffer b, long lsn) {
        byte type = b.get();
        switch (type) {
            case 'B' -> {
                commitLsn = b.getLong();
                commitTime = PgOutputMessages.timestamp(b.getLong());
                long xid = Integer.toUnsignedLong(b.getInt());
                return new SourceEvent.Begin(commitLsn, commitTime, xid);
            }
            case 'C' -> {
                b.get(); // flags, unused
                long commit = b.getLong();
                long end = b.getLong();
                return new SourceEvent.Commit(commit, end, PgOutputMessages.timestamp(b.getLong()));
            }
            case 'R' -> {
                return relation(PgOutputMessages.relation(b));
            }
            case 'I' -> {
                RelState rel = rel(b.getInt());
                b.get(); // 'N'
                Object[] values = decode(rel, PgOutputMessages.tuple(b));
                return change(ChangeKind.INSERT, rel, values, lsn);
            }
            case 'U' -> {
                RelState rel = rel(b.getInt());
                byte t = b.get();
                Tuple old = null;
                if (t == 'K' || t == 'O') {
                    old = PgOutputMessages.tuple(b);
                    b.get(); // 'N'
                }
                Tuple tuple = PgOutputMessages.tuple(b);
                Object[] values = decode(rel, tuple);
                if (tuple.hasUnchangedToast()) {
                    fillUnchangedToast(rel, tuple, old, values);
                }
                return change(ChangeKind.UPDATE, rel, values, lsn);
            }
            case 'D' -> {
                RelState rel = rel(b.getInt());
                b.get(); // 'K' (key columns only, others null) or 'O' (REPLICA IDENTITY FULL: whole old row)
                return change(ChangeKind.DELETE, rel, decode(rel, PgOutputMessages.tuple(b)), lsn);
            }
            case 'T' -> {
                int n = b.getInt();
                b.get(); // options: CASCADE / RESTART IDENTITY, irrelevant downstream
                List<TableRef> tables = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    tables.add(rel(b.getInt()).schema.table());
                }
                return new SourceEvent.Truncate(tables, lsn);
            }
            case 'M' -> {
                b.get(); // transactional flag
                long mlsn = b.getLong();
                String prefix = PgOutputMessages.cString(b);
                byte[] content = new byte[b.getInt()];
                b.get(content);
                return new SourceEvent.Message(mlsn, prefix, content);
            }
            case 'Y', 'O' -> {
                return null; // type and origin messages: types are resolved from the catalog, origins unused
            }
            default -> {
                LOG.debug("ignoring pgoutput message type {}", (char) type);
                return null;
            }
        }
    }

    private SourceEvent relation(Relation r) {
        TableSchema schema = schemas.resolve(r);
        List<ColumnSpec> cols = schema.columns();
        ValueCodec[] codecs = cols.stream().map(TypeCodecs::forColumn).toArray(ValueCodec[]::new);
        int[] keys = schema.keyColumns().stream().mapToInt(k -> schema.indexOf(k.name())).toArray();
        RelState prev = relations.put(r.relationId(), new RelState(schema, codecs, keys));
        return prev != null && prev.schema.equals(schema) ? null : new SourceEvent.SchemaChanged(schema);
    }

    private RelState rel(int id) {
        RelState r = relations.get(id);
        if (r == null) {
            throw new IllegalStateException("pgoutput sent a change for relation " + id + " before its Relation message");
        }
        return r;
    }

    private SourceEvent change(ChangeKind kind, RelState rel, Object[] values, long lsn) {
        return new SourceEvent.Change(new RowChange(kind, rel.schema, values, lsn, commitLsn, commitTime));
    }

    private static Object[] decode(RelState rel, Tuple t) {
        int n = rel.codecs.length;
        if (t.texts().length != n) {
            throw new IllegalStateException("tuple of " + rel.schema.table() + " has " + t.texts().length
                    + " columns, the relation " + n);
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            String s = t.texts()[i];
            values[i] = s == null ? null : rel.codecs[i].decode(s);
        }
        return values;
    }

    /**
     * Unchanged TOAST columns ('u') carry no value. With REPLICA IDENTITY FULL the old tuple holds them (the server
     * detoasts it); otherwise the current value is read from the source by primary key. That value can be newer than
     * this change, which is harmless: every later change to the column is itself in the stream with a higher version.
     */
    private void fillUnchangedToast(RelState rel, Tuple tuple, Tuple old, Object[] values) {
        List<ColumnSpec> missing = new ArrayList<>();
        List<Integer> missingIdx = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (tuple.kinds()[i] != 'u') {
                continue;
            }
            if (old != null && old.kinds()[i] == 't') {
                values[i] = rel.codecs[i].decode(old.texts()[i]);
            } else if (old == null || old.kinds()[i] != 'n') {
                missing.add(rel.schema.columns().get(i));
                missingIdx.add(i);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String[] keyTexts = new String[rel.keyIndexes.length];
        for (int k = 0; k < keyTexts.length; k++) {
            keyTexts[k] = tuple.texts()[rel.keyIndexes[k]];
        }
        String[] fetched = toast.lookup(rel.schema, keyTexts, missing);
        if (fetched == null) {
            LOG.debug("row of {} deleted before its unchanged TOAST value could be read; a DELETE follows",
                    rel.schema.table());
            return;
        }
        for (int m = 0; m < missing.size(); m++) {
            int i = missingIdx.get(m);
            values[i] = fetched[m] == null ? null : rel.codecs[i].decode(fetched[m]);
        }
    }
}
