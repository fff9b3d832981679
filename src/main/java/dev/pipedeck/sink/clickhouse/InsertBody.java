package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableSchema;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The body of one INSERT, produced chunk by chunk while the HTTP client reads it, so a 100,000-row batch never
 * exists as one big string. Each row is the table's columns followed by {@code _peerdb_is_deleted} and
 * {@code _peerdb_version}, in {@link Format#ROW_BINARY} (tables with float columns: every bit of a float survives) or
 * {@link Format#TAB_SEPARATED} (the rest; see {@link Format#forColumns}). An encoding failure is kept in {@link #failure()} (the HTTP client would only see an
 * IOException) so the caller can rethrow it with its real classification.
 */
final class InsertBody extends EncodedBody {
    private static final int CHUNK = 1 << 16;

    /** The input formats PipeDeck writes; {@link #sqlName} goes after {@code FORMAT} in the INSERT. */
    enum Format {
        ROW_BINARY("RowBinary"), TAB_SEPARATED("TabSeparated");

        final String sqlName;

        Format(String sqlName) {
            this.sqlName = sqlName;
        }

        /**
         * RowBinary for a table with a float column (ClickHouse 18.16's text parser turns subnormals such as
         * {@code 5e-324} into 0; the binary form keeps every bit), as long as every column's binary form equals its
         * text form; TabSeparated otherwise. Measured on 18.16 with the orders shape (1 M rows, 100,000-row inserts,
         * alternating, InsertFormatBenchmark/EncodeFormatProbe): RowBinary cost the server about 15% more CPU and the
         * encoder about 10% more, with 8% more bytes — so it is used where exactness needs it, not everywhere.
         */
        static Format forColumns(List<ChColumn> columns) {
            boolean floats = columns.stream().anyMatch(c -> c.encoding() == ChColumn.Encoding.FLOAT
                    || c.encoding() == ChColumn.Encoding.ARRAY && c.element() == ChColumn.Encoding.FLOAT);
            return floats && columns.stream().allMatch(RowBinaryEncoder::supports) ? ROW_BINARY : TAB_SEPARATED;
        }
    }

    private final Format format;
    private final List<ChColumn> columns;
    private final List<RowChange> rows;
    private final String table;
    private final Map<TableSchema, int[]> positions = new IdentityHashMap<>();
    private final ByteBuf raw = new ByteBuf();
    private final ByteBuf out;
    private final GZIPOutputStream gzip;
    private int next;
    private int readPos;
    private boolean finished;
    private volatile PipeDeckException failure;

    InsertBody(Format format, List<ChColumn> columns, List<RowChange> rows, String table, boolean compress)
            throws IOException {
        this.format = format;
        this.columns = columns;
        this.rows = rows;
        this.table = table;
        this.out = compress ? new ByteBuf() : raw;
        this.gzip = compress ? new GZIPOutputStream(out, CHUNK) : null;
    }

    @Override
    PipeDeckException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (readPos >= out.size) {
            if (finished) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, out.size - readPos);
        System.arraycopy(out.data, readPos, b, off, n);
        readPos += n;
        return n;
    }

    private void fill() throws IOException {
        out.reset();
        raw.reset();
        readPos = 0;
        try {
            while (next < rows.size() && raw.size < CHUNK) {
                writeRow(rows.get(next++));
            }
        } catch (PipeDeckException e) {
            failure = e;
            throw new IOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            failure = PipeDeckException.permanent("Cannot encode a row for ClickHouse table " + table + ": " + e, e);
            throw new IOException(e);
        }
        if (gzip != null) {
            gzip.write(raw.data, 0, raw.size);
            raw.reset();
            if (next >= rows.size()) {
                gzip.finish();
            }
        }
        if (next >= rows.size()) {
            finished = true;
        }
    }

    private void writeRow(RowChange row) {
        if (format == Format.ROW_BINARY) {
            writeBinaryRow(row);
            return;
        }
        int[] pos = positions.computeIfAbsent(row.schema(), this::positionsFor);
        Object[] values = row.values();
        for (int c = 0; c < columns.size(); c++) {
            Object v = value(c, pos[c], values);
            TsvEncoder.field(raw, columns.get(c), v, table);
            raw.write('\t');
        }
        raw.write(row.kind() == ChangeKind.DELETE ? '1' : '0');
        raw.write('\t');
        raw.decimal(row.kind() == ChangeKind.SNAPSHOT ? 0 : row.lsn());
        raw.write('\n');
    }

    /**
     * Column {@code c}'s value in a row whose schema has it at {@code p}. A row without the column predates it: it has
     * the value Postgres gives older rows (ADD COLUMN ... DEFAULT).
     */
    private Object value(int c, int p, Object[] values) {
        return p >= 0 && values != null && p < values.length ? values[p]
                : p < 0 ? columns.get(c).spec().existingRowsValue() : null;
    }

    private void writeBinaryRow(RowChange row) {
        int[] pos = positions.computeIfAbsent(row.schema(), this::positionsFor);
        Object[] values = row.values();
        for (int c = 0; c < columns.size(); c++) {
            Object v = value(c, pos[c], values);
            RowBinaryEncoder.field(raw, columns.get(c), v, table);
        }
        raw.write(row.kind() == ChangeKind.DELETE ? 1 : 0);
        raw.int64LE(row.kind() == ChangeKind.SNAPSHOT ? 0 : row.lsn());
    }

    private int[] positionsFor(TableSchema schema) {
        int[] pos = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            pos[c] = schema.indexOf(columns.get(c).name());
        }
        return pos;
    }
}
