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
import java.util.ArrayDeque;
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

        /** A sentence about columns just added to {@code table} that the destination cannot get right; else null. */
        default String addedColumnsNotice(TableRef table, List<String> added) {
            return null;
        }
    }

    /**
     * Fetches the current text of {@code columns} of the row whose key columns have {@code keyTexts} (aligned with
     * {@code schema.keyColumns()}); null when the row no longer exists.
     */
    interface ToastLookup {
        String[] lookup(TableSchema schema, String[] keyTexts, List<ColumnSpec> columns);
    }

    /**
     * Computes stored generated columns, which pgoutput before Postgres 18 leaves out of its tuples: for each row (texts
     * aligned with {@code schema.columns()}, the generated ones null), the text of each of {@code generated} (schema
     * indexes). One call covers many rows.
     */
    interface GeneratedValues {
        List<String[]> compute(TableSchema schema, int[] generated, List<String[]> rows);
    }

    /**
     * A table as the stream sees it. {@code tupleToSchema[i]} is the schema column of the tuple's i-th column; the
     * schema may hold more columns than the tuple (stored generated columns before Postgres 18, listed in
     * {@code generated}).
     */
    private record RelState(TableSchema schema, ValueCodec[] codecs, int[] keyIndexes, int[] tupleToSchema,
                            int[] generated) {}

    /** A decoded INSERT/UPDATE waiting for its generated columns. */
    private record Unfilled(RelState rel, RowChange change, String[] texts) {}

    private final SchemaResolver schemas;
    private final ToastLookup toast;
    private final GeneratedValues generatedValues;
    private final Map<Integer, RelState> relations = new HashMap<>();
    /** The size of the message being decoded (for {@link #heapBytes}). */
    private int messageBytes;
    /** Decoded events not yet handed out, in WAL order; the head is held back while any change awaits generated values. */
    private final ArrayDeque<SourceEvent> ready = new ArrayDeque<>();
    private final List<Unfilled> unfilled = new ArrayList<>();
    private long commitLsn;
    private Instant commitTime;

    PgOutputDecoder(SchemaResolver schemas, ToastLookup toast) {
        this(schemas, toast, (schema, generated, rows) -> {
            throw new IllegalStateException("no source for generated columns of " + schema.table());
        });
    }

    PgOutputDecoder(SchemaResolver schemas, ToastLookup toast, GeneratedValues generatedValues) {
        this.schemas = schemas;
        this.toast = toast;
        this.generatedValues = generatedValues;
    }

    /**
     * Decodes the message in {@code b} and returns the next event to hand out, or null when there is none yet (a
     * message without event, or changes waiting for their generated columns: see {@link #awaiting()}).
     */
    SourceEvent decode(ByteBuffer b, long lsn) {
        accept(b, lsn);
        return next();
    }

    /** Decodes one message into zero, one or two (a key change: DELETE of the old key, then the new row) events. */
    void accept(ByteBuffer b, long lsn) {
        SourceEvent e = decodeOne(b, lsn);
        if (e != null) {
            ready.add(e);
        }
    }

    /** The next event in WAL order, or null (none, or the next one still needs {@link #fillGenerated()}). */
    SourceEvent next() {
        return unfilled.isEmpty() ? ready.poll() : null;
    }

    /** How many decoded changes wait for their generated columns (the caller reads on, then calls fillGenerated). */
    int awaiting() {
        return unfilled.size();
    }

    /** Computes the generated columns of every waiting change, with one look-up per table. */
    void fillGenerated() {
        if (unfilled.isEmpty()) {
            return;
        }
        Map<RelState, List<Unfilled>> byTable = new java.util.IdentityHashMap<>();
        for (Unfilled u : unfilled) {
            byTable.computeIfAbsent(u.rel, r -> new ArrayList<>()).add(u);
        }
        for (Map.Entry<RelState, List<Unfilled>> e : byTable.entrySet()) {
            RelState rel = e.getKey();
            List<Unfilled> rows = e.getValue();
            List<String[]> computed = generatedValues.compute(rel.schema, rel.generated,
                    rows.stream().map(Unfilled::texts).toList());
            for (int r = 0; r < rows.size(); r++) {
                Object[] values = rows.get(r).change.values();
                String[] texts = computed.get(r);
                for (int g = 0; g < rel.generated.length; g++) {
                    int i = rel.generated[g];
                    values[i] = texts[g] == null ? null : rel.codecs[i].decode(texts[g]);
                }
            }
        }
        unfilled.clear();
    }

    private SourceEvent decodeOne(ByteBuffer b, long lsn) {
        messageBytes = b.remaining();
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
                return newRow(ChangeKind.INSERT, rel, texts(rel, PgOutputMessages.tuple(b)), lsn);
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
                String[] texts = texts(rel, tuple);
                if (tuple.hasUnchangedToast()) {
                    fillUnchangedToast(rel, tuple, old, texts);
                }
                if (old != null && keyChanged(rel, old, texts)) {
                    // The row moved to another key: the old key must stop being a current row, at this change's
                    // version, before the new one appears (pgoutput sends the old key only then, or always under FULL).
                    String[] oldTexts = texts(rel, old);
                    ready.add(change(ChangeKind.DELETE, rel, decode(rel, oldTexts), lsn, oldTexts));
                }
                return newRow(ChangeKind.UPDATE, rel, texts, lsn);
            }
            case 'D' -> {
                RelState rel = rel(b.getInt());
                b.get(); // 'K' (key columns only, others null) or 'O' (REPLICA IDENTITY FULL: whole old row)
                String[] texts = texts(rel, PgOutputMessages.tuple(b));
                return change(ChangeKind.DELETE, rel, decode(rel, texts), lsn, texts);
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
        int[] tupleToSchema = r.columns().stream().mapToInt(c -> schema.indexOf(c.name())).toArray();
        java.util.Set<String> sent = new java.util.HashSet<>();
        r.columns().forEach(c -> sent.add(c.name()));
        int[] generated = java.util.stream.IntStream.range(0, cols.size())
                .filter(i -> !sent.contains(cols.get(i).name())).toArray();
        RelState prev = relations.put(r.relationId(), new RelState(schema, codecs, keys, tupleToSchema, generated));
        if (prev != null && prev.schema.equals(schema)) {
            return null;
        }
        String notice = null;
        if (prev != null) {
            List<String> added = cols.stream().map(ColumnSpec::name).filter(n -> prev.schema.indexOf(n) < 0).toList();
            notice = schemas.addedColumnsNotice(schema.table(), added);
            List<String> gone = prev.schema.columns().stream().map(ColumnSpec::name)
                    .filter(n -> schema.indexOf(n) < 0).toList();
            if (!added.isEmpty() && !gone.isEmpty()) {
                String renamed = renameNotice(schema.table(), gone, added);
                notice = notice == null ? renamed : notice + " " + renamed;
            }
            if (notice != null) {
                LOG.warn(notice);
            }
        }
        return new SourceEvent.SchemaChanged(schema, notice);
    }

    /**
     * Columns gone and columns new in one schema change may be a RENAME COLUMN, which pgoutput cannot tell from a
     * DROP and an ADD: the destination then gets the new name as a new column, empty in rows that have not changed
     * since. Said in the pipe's status, as the way to make them match.
     */
    static String renameNotice(TableRef table, List<String> gone, List<String> added) {
        return "Column" + (gone.size() > 1 ? "s " : " ") + String.join(", ", gone) + " of " + table + " left the source"
                + " table and " + String.join(", ", added) + (added.size() > 1 ? " are" : " is") + " new: if one was"
                + " renamed (RENAME COLUMN), rows not changed since show NULL under the new name in the destination"
                + " and keep their value under the old one. Resync the table if they must match: `pipedeck pipe resync"
                + " NAME --table " + table + "`.";
    }

    private RelState rel(int id) {
        RelState r = relations.get(id);
        if (r == null) {
            throw new IllegalStateException("pgoutput sent a change for relation " + id + " before its Relation message");
        }
        return r;
    }

    private SourceEvent change(ChangeKind kind, RelState rel, Object[] values, long lsn, String[] texts) {
        return new SourceEvent.Change(new RowChange(kind, rel.schema, values, lsn, commitLsn, commitTime),
                heapBytes(texts.length, messageBytes));
    }

    /**
     * About what a decoded change holds on the heap, from the size of its message (which holds its values' texts):
     * the change and its value array, an object header per value, and the texts' bytes (decoded strings take that
     * much; numbers and times less, JSON and arrays more). Constant time: it is on the stream's hot path.
     */
    static long heapBytes(int columns, int messageBytes) {
        return 96 + 56L * columns + messageBytes;
    }

    /** An INSERT or UPDATE; held back until its generated columns are computed when the tuple lacks them. */
    private SourceEvent newRow(ChangeKind kind, RelState rel, String[] texts, long lsn) {
        SourceEvent e = change(kind, rel, decode(rel, texts), lsn, texts);
        if (rel.generated.length > 0) {
            ready.add(e);
            unfilled.add(new Unfilled(rel, ((SourceEvent.Change) e).change(), texts));
            return null;
        }
        return e;
    }

    /** The tuple's texts placed at their schema columns (columns the tuple lacks stay null). */
    private static String[] texts(RelState rel, Tuple t) {
        int n = rel.tupleToSchema.length;
        if (t.texts().length != n) {
            throw new IllegalStateException("tuple of " + rel.schema.table() + " has " + t.texts().length
                    + " columns, the relation " + n);
        }
        String[] out = new String[rel.codecs.length];
        for (int i = 0; i < n; i++) {
            out[rel.tupleToSchema[i]] = t.texts()[i];
        }
        return out;
    }

    private static Object[] decode(RelState rel, String[] texts) {
        Object[] values = new Object[texts.length];
        for (int i = 0; i < texts.length; i++) {
            values[i] = texts[i] == null ? null : rel.codecs[i].decode(texts[i]);
        }
        return values;
    }

    /** Whether the old tuple's key differs from the new row's (texts: both are the type's canonical output). */
    private static boolean keyChanged(RelState rel, Tuple old, String[] newTexts) {
        if (rel.keyIndexes.length == 0) {
            return false;
        }
        String[] oldTexts = texts(rel, old);
        for (int k : rel.keyIndexes) {
            int t = tupleIndex(rel, k);
            if (t < 0 || old.kinds()[t] == 'u') {
                return false; // not sent, or an unchanged TOAST value: cannot differ
            }
            if (!java.util.Objects.equals(oldTexts[k], newTexts[k])) {
                return true;
            }
        }
        return false;
    }

    private static int tupleIndex(RelState rel, int schemaIndex) {
        for (int i = 0; i < rel.tupleToSchema.length; i++) {
            if (rel.tupleToSchema[i] == schemaIndex) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Unchanged TOAST columns ('u') carry no value. With REPLICA IDENTITY FULL the old tuple holds them (the server
     * detoasts it); otherwise the current value is read from the source by primary key. That value can be newer than
     * this change, which is harmless: every later change to the column is itself in the stream with a higher version.
     * Fills {@code texts} (schema-aligned).
     */
    private void fillUnchangedToast(RelState rel, Tuple tuple, Tuple old, String[] texts) {
        List<ColumnSpec> missing = new ArrayList<>();
        List<Integer> missingIdx = new ArrayList<>();
        for (int t = 0; t < tuple.kinds().length; t++) {
            if (tuple.kinds()[t] != 'u') {
                continue;
            }
            int i = rel.tupleToSchema[t];
            if (old != null && old.kinds()[t] == 't') {
                texts[i] = old.texts()[t];
            } else if (old == null || old.kinds()[t] != 'n') {
                missing.add(rel.schema.columns().get(i));
                missingIdx.add(i);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String[] keyTexts = new String[rel.keyIndexes.length];
        for (int k = 0; k < keyTexts.length; k++) {
            keyTexts[k] = texts[rel.keyIndexes[k]];
        }
        String[] fetched = toast.lookup(rel.schema, keyTexts, missing);
        if (fetched == null) {
            LOG.debug("row of {} deleted before its unchanged TOAST value could be read; a DELETE follows",
                    rel.schema.table());
            return;
        }
        for (int m = 0; m < missing.size(); m++) {
            texts[missingIdx.get(m)] = fetched[m];
        }
    }
}
