package dev.pipedeck.source.pg;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The pgoutput wire format, byte by byte, without a server. */
class PgOutputDecoderTest {
    private final List<String> lookups = new ArrayList<>();
    private final PgOutputDecoder decoder = new PgOutputDecoder(PgOutputDecoderTest::schema, (schema, keys, cols) -> {
        lookups.add(Arrays.toString(keys) + cols.stream().map(ColumnSpec::name).toList());
        return new String[]{"fetched"};
    });

    private static TableSchema schema(PgOutputMessages.Relation r) {
        List<ColumnSpec> cols = new ArrayList<>();
        int k = 0;
        for (PgOutputMessages.RelColumn c : r.columns()) {
            TypeFamily f = c.typeOid() == 23 ? TypeFamily.INT4 : TypeFamily.TEXT;
            cols.add(new ColumnSpec(c.name(), f, null, f.name(), c.typeOid(), -1, -1, true, c.key() ? ++k : 0));
        }
        return new TableSchema(new TableRef(r.namespace(), r.name()), cols);
    }

    /** Builds one message. */
    private static final class Msg {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Msg(char type) {
            b(type);
        }

        Msg b(int v) {
            return io(() -> out.writeByte(v));
        }

        Msg s16(int v) {
            return io(() -> out.writeShort(v));
        }

        Msg i32(int v) {
            return io(() -> out.writeInt(v));
        }

        Msg i64(long v) {
            return io(() -> out.writeLong(v));
        }

        Msg str(String s) {
            return io(() -> {
                out.write(s.getBytes(StandardCharsets.UTF_8));
                out.writeByte(0);
            });
        }

        /** TupleData: null → 'n', "\u0000u" → unchanged TOAST, else text. */
        Msg tuple(String... values) {
            s16(values.length);
            for (String v : values) {
                if (v == null) {
                    b('n');
                } else if (v.equals("\u0000u")) {
                    b('u');
                } else {
                    byte[] t = v.getBytes(StandardCharsets.UTF_8);
                    b('t').i32(t.length);
                    io(() -> out.write(t));
                }
            }
            return this;
        }

        private Msg io(IoAction a) {
            try {
                a.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        ByteBuffer buffer() {
            byte[] all = bytes.toByteArray();
            byte[] padded = new byte[all.length + 10]; // decode must respect offsets, like PgJDBC's shared buffers
            System.arraycopy(all, 0, padded, 5, all.length);
            return ByteBuffer.wrap(padded, 5, all.length).slice();
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static Msg relation(String... extraColumn) {
        Msg m = new Msg('R').i32(7).str("sales").str("Order Items").b('d').s16(3 + extraColumn.length);
        m.b(1).str("id").i32(23).i32(-1);
        m.b(0).str("big").i32(25).i32(-1);
        m.b(0).str("n").i32(23).i32(-1);
        for (String c : extraColumn) {
            m.b(0).str(c).i32(25).i32(-1);
        }
        return m;
    }

    private SourceEvent decode(Msg m, long lsn) {
        return decoder.decode(m.buffer(), lsn);
    }

    private RowChange change(Msg m, long lsn) {
        return assertInstanceOf(SourceEvent.Change.class, decode(m, lsn)).change();
    }

    @Test
    void decodesAFullTransaction() {
        SourceEvent.SchemaChanged sc = assertInstanceOf(SourceEvent.SchemaChanged.class, decode(relation(), 0));
        assertEquals(new TableRef("sales", "Order Items"), sc.schema().table());
        assertNull(decode(relation(), 0), "the same schema again is no change");

        SourceEvent.Begin b = assertInstanceOf(SourceEvent.Begin.class,
                decode(new Msg('B').i64(0x100).i64(1_500_000).i32(-2), 0x90));
        assertEquals(0x100, b.finalLsn());
        assertEquals(Instant.parse("2000-01-01T00:00:01.500Z"), b.commitTime());
        assertEquals(4294967294L, b.xid());

        RowChange ins = change(new Msg('I').i32(7).b('N').tuple("1", "x ü", null), 0xA0);
        assertEquals(ChangeKind.INSERT, ins.kind());
        assertEquals(Arrays.asList(1, "x ü", null), Arrays.asList(ins.values()));
        assertEquals(0xA0, ins.lsn());
        assertEquals(0x100, ins.commitLsn());
        assertEquals(b.commitTime(), ins.commitTime());

        RowChange fromOld = change(new Msg('U').i32(7).b('O').tuple("1", "bigval", "0").b('N').tuple("1", "\u0000u", "2"), 0xB0);
        assertEquals(Arrays.asList(1, "bigval", 2), Arrays.asList(fromOld.values()));
        assertEquals(List.of(), lookups, "the old tuple had the value: no look-up");

        RowChange looked = change(new Msg('U').i32(7).b('N').tuple("1", "\u0000u", "3"), 0xC0);
        assertEquals(Arrays.asList(1, "fetched", 3), Arrays.asList(looked.values()));
        assertEquals(List.of("[1][big]"), lookups);

        RowChange del = change(new Msg('D').i32(7).b('K').tuple("1", null, null), 0xD0);
        assertEquals(ChangeKind.DELETE, del.kind());
        assertEquals(Arrays.asList(1, null, null), Arrays.asList(del.values()));

        SourceEvent.Truncate tr = assertInstanceOf(SourceEvent.Truncate.class,
                decode(new Msg('T').i32(1).b(0).i32(7), 0xE0));
        assertEquals(List.of(new TableRef("sales", "Order Items")), tr.tables());
        assertEquals(0xE0, tr.lsn());

        SourceEvent.Message msg = assertInstanceOf(SourceEvent.Message.class,
                decode(new Msg('M').b(1).i64(0xF0).str("pfx").i32(2).b(7).b(8), 0xF0));
        assertEquals("pfx", msg.prefix());
        assertArrayEquals(new byte[]{7, 8}, msg.content());

        assertNull(decode(new Msg('Y').i32(99).str("public").str("mood"), 0));
        assertNull(decode(new Msg('O').i64(5).str("origin"), 0));

        SourceEvent.Commit c = assertInstanceOf(SourceEvent.Commit.class,
                decode(new Msg('C').b(0).i64(0x100).i64(0x108).i64(1_500_000), 0x108));
        assertEquals(0x100, c.commitLsn());
        assertEquals(0x108, c.endLsn());

        SourceEvent.SchemaChanged altered = assertInstanceOf(SourceEvent.SchemaChanged.class,
                decode(relation("added"), 0x200));
        assertEquals(4, altered.schema().columns().size());
        assertEquals(Arrays.asList(2, null, null, "new"),
                Arrays.asList(change(new Msg('I').i32(7).b('N').tuple("2", null, null, "new"), 0x210).values()));
    }

    @Test
    void aChangedKeyBecomesADeleteOfTheOldKeyFirst() {
        decode(relation(), 0);
        decode(new Msg('B').i64(0x100).i64(0).i32(1), 0x90);
        RowChange del = change(new Msg('U').i32(7).b('K').tuple("10", null, null).b('N').tuple("11", "x", "1"), 0xA0);
        assertEquals(ChangeKind.DELETE, del.kind());
        assertEquals(Arrays.asList(10, null, null), Arrays.asList(del.values()));
        assertEquals(0xA0, del.lsn(), "the old key is deleted at the change's own position");
        RowChange upd = assertInstanceOf(SourceEvent.Change.class, decoder.next()).change();
        assertEquals(ChangeKind.UPDATE, upd.kind());
        assertEquals(Arrays.asList(11, "x", 1), Arrays.asList(upd.values()));
        assertEquals(0xA0, upd.lsn());
        assertNull(decoder.next());
        // REPLICA IDENTITY FULL sends the old row every time: same key, no delete
        RowChange same = change(new Msg('U').i32(7).b('O').tuple("11", "x", "1").b('N').tuple("11", "y", "2"), 0xB0);
        assertEquals(ChangeKind.UPDATE, same.kind());
        assertNull(decoder.next());
        // ... and a different key under FULL: the whole old row is the delete
        RowChange fullDel = change(new Msg('U').i32(7).b('O').tuple("11", "y", "2").b('N').tuple("12", "y", "2"), 0xC0);
        assertEquals(Arrays.asList(ChangeKind.DELETE, 11, "y"), Arrays.asList(fullDel.kind(), fullDel.value(0), fullDel.value(1)));
        assertEquals(12, assertInstanceOf(SourceEvent.Change.class, decoder.next()).change().value(0));
    }

    @Test
    void generatedColumnsMissingFromTheTupleAreComputedInOneCallPerTable() {
        List<Integer> calls = new ArrayList<>();
        PgOutputDecoder d = new PgOutputDecoder(r -> {
            TableSchema s = schema(r);
            List<ColumnSpec> cols = new ArrayList<>(s.columns());
            cols.add(new ColumnSpec("doubled", TypeFamily.INT4, null, "integer", 23, -1, -1, true, 0));
            return new TableSchema(s.table(), cols);
        }, (schema, keys, cols) -> null, (schema, generated, rows) -> {
            calls.add(rows.size());
            assertArrayEquals(new int[]{3}, generated);
            return rows.stream().map(t -> new String[]{Integer.toString(2 * Integer.parseInt(t[2]))}).toList();
        });
        d.decode(relation().buffer(), 0);
        assertNull(d.decode(new Msg('I').i32(7).b('N').tuple("1", "a", "5").buffer(), 0xA0), "held back");
        assertNull(d.decode(new Msg('I').i32(7).b('N').tuple("2", "b", "6").buffer(), 0xB0));
        assertEquals(2, d.awaiting());
        d.fillGenerated();
        assertEquals(List.of(2), calls, "one call for both rows");
        assertEquals(Arrays.asList(1, "a", 5, 10), Arrays.asList(((SourceEvent.Change) d.next()).change().values()));
        assertEquals(Arrays.asList(2, "b", 6, 12), Arrays.asList(((SourceEvent.Change) d.next()).change().values()));
        RowChange del = ((SourceEvent.Change) d.decode(new Msg('D').i32(7).b('K').tuple("1", null, null).buffer(), 0xC0)).change();
        assertEquals(Arrays.asList(1, null, null, null), Arrays.asList(del.values()), "deletes need no generated values");
    }

    @Test
    void emptyNamespaceIsPgCatalog() {
        Msg m = new Msg('R').i32(8).str("").str("pg_thing").b('n').s16(0);
        SourceEvent.SchemaChanged sc = assertInstanceOf(SourceEvent.SchemaChanged.class, decode(m, 0));
        assertEquals(new TableRef("pg_catalog", "pg_thing"), sc.schema().table());
    }
}
