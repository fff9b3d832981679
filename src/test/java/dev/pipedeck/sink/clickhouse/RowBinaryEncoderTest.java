package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.AllTypes;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The RowBinary bytes of the types only modern servers have (the 18.16 server the suite runs against checks the
 * rest end to end), against the layouts in ClickHouse's format documentation.
 */
class RowBinaryEncoderTest {
    private final ChTypeMapper modern = new ChTypeMapper(ServerVersion.parse("23.8.1"));

    private static String hex(ChColumn c, Object v) {
        ByteBuf b = new ByteBuf();
        RowBinaryEncoder.field(b, c, v, "t");
        return HexFormat.of().formatHex(b.data, 0, b.size);
    }

    private ChColumn col(TypeFamily f, boolean nullable) {
        return modern.map(AllTypes.col("x", f, f.name(), nullable, 0));
    }

    @Test
    void modernTypes() {
        assertEquals("01", hex(col(TypeFamily.BOOL, false), true));
        assertEquals("0001", hex(col(TypeFamily.BOOL, true), true)); // Nullable: flag 0, then the value
        assertEquals("01", hex(col(TypeFamily.BOOL, true), null));
        // Date32: Int32 days since 1970-01-01, clamped to 1900..2299
        assertEquals("ffffffff", hex(col(TypeFamily.DATE, false), LocalDate.of(1969, 12, 31)));
        assertEquals(hex(col(TypeFamily.DATE, false), LocalDate.of(1900, 1, 1)), hex(col(TypeFamily.DATE, false), LocalDate.MIN));
        // DateTime64(6, 'UTC'): Int64 microseconds since the epoch
        assertEquals("0100000000000000", hex(col(TypeFamily.TIMESTAMPTZ, false), Instant.parse("1970-01-01T00:00:00.000001Z")));
        assertEquals("0000000000000000", hex(col(TypeFamily.TIMESTAMPTZ, false), null));
    }

    @Test
    void decimalsTakeTheirWidthFromThePrecision() {
        ChColumn d9 = modern.map(AllTypes.numeric("x", 9, 2));
        ChColumn d18 = modern.map(AllTypes.numeric("x", 18, 2));
        ChColumn d38 = modern.map(AllTypes.numeric("x", 38, 2));
        ChColumn d76 = modern.map(AllTypes.numeric("x", 76, 2));
        assertEquals("00" + "85ffffff", hex(d9, new BigDecimal("-1.23")));
        assertEquals("00" + "7b00000000000000", hex(d18, new BigDecimal("1.23")));
        assertEquals("00" + "d2040000000000000000000000000000", hex(d38, new BigDecimal("12.34")));
        assertEquals("00" + "ff".repeat(32), hex(d76, new BigDecimal("-0.01")));
        assertEquals("00" + "e8030000", hex(d9, new BigDecimal("10"))); // scale 0 → 2: 1000
        assertEquals("01", hex(d9, "NaN")); // no Decimal form: NULL
    }

    @Test
    void uuidIsTwoLittleEndianHalvesHighFirst() {
        ChColumn u = col(TypeFamily.UUID, false);
        assertEquals("e711b35c04c4f061a0dbd36a00a67b90",
                hex(u, UUID.fromString("61f0c404-5cb3-11e7-907b-a6006ad3dba0")));
    }

    @Test
    void tablesWithFloatsAreBinaryUnlessATimestampWithoutZoneNeedsText() {
        ChColumn ts = col(TypeFamily.TIMESTAMP, true);
        ChColumn id = col(TypeFamily.INT8, false);
        ChColumn f8 = col(TypeFamily.FLOAT8, true);
        assertEquals(InsertBody.Format.TAB_SEPARATED, InsertBody.Format.forColumns(List.of(id, ts)));
        assertEquals(InsertBody.Format.TAB_SEPARATED, InsertBody.Format.forColumns(List.of(id, f8, ts)));
        assertEquals(InsertBody.Format.ROW_BINARY, InsertBody.Format.forColumns(List.of(id, f8, col(TypeFamily.TIMESTAMPTZ, true))));
        ChTypeMapper old = new ChTypeMapper(ServerVersion.parse("18.16.1"));
        ColumnSpec tsSpec = AllTypes.col("x", TypeFamily.TIMESTAMP, "timestamp", true, 0);
        assertEquals(InsertBody.Format.ROW_BINARY, InsertBody.Format.forColumns(List.of(old.map(tsSpec), f8)));
        // no float: text, measured cheaper on 18.16
        assertEquals(InsertBody.Format.TAB_SEPARATED, InsertBody.Format.forColumns(List.of(old.map(tsSpec), id)));
        assertEquals(InsertBody.Format.ROW_BINARY, InsertBody.Format.forColumns(List.of(id,
                modern.map(AllTypes.array("a", TypeFamily.FLOAT4, "real[]")))));
    }

    @Test
    void everyTypeFamilyIsBinaryOn1816() {
        // so ClickHouseDestinationTest.everyTypeFamilyRoundTrips checks the binary path against the real server
        ChTypeMapper old = new ChTypeMapper(ServerVersion.parse("18.16.1"));
        assertEquals(InsertBody.Format.ROW_BINARY, InsertBody.Format.forColumns(
                AllTypes.schema("t").columns().stream().map(old::map).toList()));
    }

    @Test
    void columnsWhoseTableTypeDiffersAreWrittenAsText() {
        ChColumn f8 = col(TypeFamily.FLOAT8, false);
        ChColumn ours = col(TypeFamily.INT4, true);
        assertEquals(InsertBody.Format.ROW_BINARY, InsertBody.Format.forColumns(List.of(f8, ours)));
        // an existing table someone created with Int64 where we would write Int32
        ChColumn theirs = new ChColumn(ours.name(), "Nullable(Int64)", ours.encoding(), null, true, ours.spec());
        assertEquals(InsertBody.Format.TAB_SEPARATED, InsertBody.Format.forColumns(List.of(f8, theirs)));
        ChColumn notNull = new ChColumn(ours.name(), "Int32", ours.encoding(), null, false, ours.spec());
        assertEquals(InsertBody.Format.ROW_BINARY, InsertBody.Format.forColumns(List.of(f8, notNull)));
        ChColumn lowCardinality = new ChColumn("s", "LowCardinality(String)", ChColumn.Encoding.STRING, null, false,
                col(TypeFamily.TEXT, false).spec());
        assertEquals(InsertBody.Format.TAB_SEPARATED, InsertBody.Format.forColumns(List.of(f8, lowCardinality)));
    }

    @Test
    void stringsAreLengthPrefixed() {
        ChColumn s = col(TypeFamily.TEXT, false);
        assertEquals("03616263", hex(s, "abc"));
        assertEquals("02c3bc", hex(s, "ü"));
        assertEquals("8001" + "61".repeat(128), hex(s, "a".repeat(128)));
    }
}
