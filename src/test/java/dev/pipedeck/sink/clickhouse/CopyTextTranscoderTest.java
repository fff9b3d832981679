package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.CopyTextRows;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.source.pg.CopyFieldDecoder;
import dev.pipedeck.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The COPY-text path writes, line for line and byte for byte, what the row-by-row path writes for the same rows (each
 * value decoded by the source's codec, then {@link TsvEncoder}) — for every column of a real Postgres table of awkward
 * values, with ClickHouse 18.16's type mapping and a modern server's (Date32, DateTime64 with clamping, Bool), and
 * with the copy's session in UTC (as the copier runs it) and in a zone with odd historical offsets.
 */
class CopyTextTranscoderTest {
    private static ManyTypesTable table;
    private static TableSchema schema;

    @BeforeAll
    static void create() throws Exception {
        table = new ManyTypesTable("copytext_unit");
        schema = table.schema();
    }

    private static byte[] copyText(String timeZone) throws Exception {
        try (Connection c = TestPostgres.connect(table.db); Statement st = c.createStatement()) {
            st.execute("SET TIME ZONE '" + timeZone + "'");
            String cols = schema.columns().stream().map(col -> "\"" + col.name() + "\"").collect(Collectors.joining(", "));
            CopyOut out = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (SELECT " + cols + " FROM everything ORDER BY id) TO STDOUT");
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] line;
            while ((line = out.readFromCopy()) != null) {
                all.write(line);
            }
            return all.toByteArray();
        }
    }

    private static ChTable chTable(ServerVersion version) {
        ChTypeMapper mapper = new ChTypeMapper(version);
        List<ChColumn> cols = schema.columns().stream().map(mapper::map).toList();
        return new ChTable("everything", cols, List.of("id"));
    }

    /** What InsertBody writes for one decoded row. */
    private static String rowByRow(ChTable t, RowChange row) throws Exception {
        try (InsertBody body = new InsertBody(InsertBody.Format.TAB_SEPARATED, t.columns(), List.of(row), t.name(), false)) {
            return new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private void sameAsRowByRow(String timeZone, ServerVersion version) throws Exception {
        byte[] text = copyText(timeZone);
        ChTable t = chTable(version);
        CopyTextTranscoder transcoder = CopyTextTranscoder.forTable(t, schema);
        assertNotNull(transcoder, "a table without floats takes the COPY-text path");
        CopyFieldDecoder decoder = new CopyFieldDecoder(schema);
        Set<String> decodedColumns = new TreeSet<>();
        AtomicInteger ordinaryRow = new AtomicInteger();
        CopyTextRows.FieldDecoder counting = (column, data, from, to) -> {
            if (ordinaryRow.get() > 0) {
                decodedColumns.add(schema.columns().get(column).name());
            }
            return decoder.decode(column, data, from, to);
        };
        List<RowChange> rows = new CopyTextRows(schema, text, text.length, 0, decoder).toRows();
        assertEquals(8 + ManyTypesTable.GENERATED, rows.size());
        List<String> differences = new ArrayList<>();
        int pos = 0;
        for (RowChange row : rows) {
            ordinaryRow.set(((Long) row.values()[0]) >= 1000 ? 1 : 0);
            ByteBuf out = new ByteBuf();
            int next = transcoder.line(text, pos, text.length, counting, out);
            String expected = rowByRow(t, row);
            String actual = new String(out.data, 0, out.size, StandardCharsets.ISO_8859_1);
            if (!expected.equals(actual)) {
                differences.add(describe(t, row.values()[0], expected, actual));
            }
            pos = next;
        }
        assertEquals(text.length, pos, "every line consumed");
        assertTrue(differences.isEmpty(), differences.size() + " of " + rows.size() + " rows differ (" + timeZone + ", "
                + version + "):\n" + String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
        if (timeZone.equals("UTC")) {
            // ordinary rows decode only what has no text form in common: time with zone, arrays, geometric text
            // is passed on as it is
            Set<String> allowed = schema.columns().stream()
                    .filter(c -> c.family() == TypeFamily.TIMETZ || c.family() == TypeFamily.ARRAY)
                    .map(ColumnSpec::name).collect(Collectors.toCollection(TreeSet::new));
            assertTrue(allowed.containsAll(decodedColumns), "decoded on the ordinary rows: " + decodedColumns);
        }
    }

    private static String describe(ChTable t, Object id, String expected, String actual) {
        String[] e = expected.split("\t", -1);
        String[] a = actual.split("\t", -1);
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String ev = i < e.length ? e[i] : "<none>";
            String av = i < a.length ? a[i] : "<none>";
            if (!ev.equals(av)) {
                String name = i < t.columns().size() ? t.columns().get(i).name() : "#" + i;
                cols.add(name + ": row-by-row <" + ev + "> copy-text <" + av + ">");
            }
        }
        return "id " + id + ": " + String.join("; ", cols);
    }

    @Test
    void sameBytesAsRowByRowOnClickHouse1816InUtc() throws Exception {
        sameAsRowByRow("UTC", ServerVersion.parse("18.16.1"));
    }

    @Test
    void sameBytesAsRowByRowOnAModernServerInUtc() throws Exception {
        sameAsRowByRow("UTC", ServerVersion.parse("23.8.1.1"));
    }

    /** Offsets with minutes and seconds (St John's local mean time is -03:30:52): the decoding way, still exact. */
    @Test
    void sameBytesAsRowByRowWhenTheSessionIsNotInUtc() throws Exception {
        sameAsRowByRow("America/St_Johns", ServerVersion.parse("18.16.1"));
        sameAsRowByRow("America/St_Johns", ServerVersion.parse("23.8.1.1"));
    }

    @Test
    void tablesWithFloatsOrOtherColumnsTakeTheRowByRowPath() {
        ChTable t = chTable(ServerVersion.parse("18.16.1"));
        ColumnSpec f = new ColumnSpec("c_float", TypeFamily.FLOAT8, null, "double precision", 701, -1, -1, true, 0);
        List<ChColumn> withFloat = new ArrayList<>(t.columns());
        withFloat.add(new ChTypeMapper(ServerVersion.parse("18.16.1")).map(f));
        List<ColumnSpec> specs = new ArrayList<>(schema.columns());
        specs.add(f);
        assertNull(CopyTextTranscoder.forTable(new ChTable("everything", withFloat, List.of("id")),
                new TableSchema(schema.table(), specs)), "RowBinary table");
        // a column the destination still has but the source dropped
        assertNull(CopyTextTranscoder.forTable(t, new TableSchema(schema.table(), schema.columns().subList(0, 5))));
    }
}
