package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableSchema;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of one INSERT, produced chunk by chunk while the HTTP client reads it, so a 100,000-row batch never
 * exists as one big string. Each row is the table's columns followed by {@code _peerdb_is_deleted} and
 * {@code _peerdb_version}, in {@link Format#ROW_BINARY} (tables with float columns: every bit of a float survives) or
 * {@link Format#TAB_SEPARATED} (the rest; see {@link Format#forColumns}). An encoding failure is kept in {@link #failure()} (the HTTP client would only see an
 * IOException) so the caller can rethrow it with its real classification.
 */
final class InsertBody extends EncodedBody {
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
    private int next;

    InsertBody(Format format, List<ChColumn> columns, List<RowChange> rows, String table, boolean compress)
            throws IOException {
        super(compress);
        this.format = format;
        this.columns = columns;
        this.rows = rows;
        this.table = table;
    }

    @Override
    boolean encodeMore() {
        while (next < rows.size() && raw.size < CHUNK) {
            writeRow(rows.get(next++));
        }
        return next >= rows.size();
    }

    @Override
    PipeDeckException encodingFailed(RuntimeException e) {
        return PipeDeckException.permanent("Cannot encode a row for ClickHouse table " + table + " ("
                + e.getMessage() + "). Report it with the PipeDeck log.", e);
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
