package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.AllTypes;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The version-dependent mapping (only 18.16 runs in the tests, so modern servers are checked here). */
class ChTypeMapperTest {
    private static Map<String, String> types(String version) {
        ChTypeMapper m = new ChTypeMapper(ServerVersion.parse(version));
        return AllTypes.schema("t").columns().stream().map(m::map)
                .collect(Collectors.toMap(ChColumn::name, ChColumn::type));
    }

    @Test
    void oldServerGetsLosslessFallbacks() {
        Map<String, String> t = types("18.16.1");
        assertEquals("Int64", t.get("id"));
        assertEquals("Nullable(UInt8)", t.get("c_bool"));
        assertEquals("Nullable(String)", t.get("c_ts"));
        assertEquals("Nullable(String)", t.get("c_tstz"));
        assertEquals("Nullable(String)", t.get("c_date"));
        assertEquals("Nullable(String)", t.get("c_numeric"));
        assertEquals("Nullable(Decimal(38, 10))", t.get("c_decimal"));
        assertEquals("Nullable(UUID)", t.get("c_uuid"));
        assertEquals("Array(Nullable(Float64))", t.get("c_float_arr"));
    }

    @Test
    void modernServerGetsPreciseTypes() {
        Map<String, String> t = types("24.8.4.13");
        assertEquals("Nullable(Bool)", t.get("c_bool"));
        assertEquals("Nullable(DateTime64(6))", t.get("c_ts"));
        assertEquals("Nullable(DateTime64(6, 'UTC'))", t.get("c_tstz"));
        assertEquals("Nullable(Date32)", t.get("c_date"));
        assertEquals("Nullable(String)", t.get("c_json"));
        ChTypeMapper m = new ChTypeMapper(ServerVersion.parse("24.8"));
        assertEquals("Nullable(Decimal(60, 5))", m.map(AllTypes.numeric("n", 60, 5)).type());
        assertEquals("Nullable(String)", new ChTypeMapper(ServerVersion.parse("18.16.1"))
                .map(AllTypes.numeric("n", 60, 5)).type());
        assertEquals("Nullable(DateTime64(6))", types("20.3.1").get("c_ts"));
        assertEquals("Nullable(String)", types("20.3.1").get("c_date"));
    }

    @Test
    void modernEncodingsClampToTheTypeRange() {
        ChTypeMapper m = new ChTypeMapper(ServerVersion.parse("24.8"));
        Function<Object, String> ts = v -> encode(m.map(AllTypes.col("x", TypeFamily.TIMESTAMP, "timestamp", true, 0)), v);
        assertEquals("2024-01-02 03:04:05.000006", ts.apply(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000)));
        assertEquals("2299-12-31 23:59:59.999999", ts.apply(LocalDateTime.MAX));
        assertEquals("1900-01-01 00:00:00.000000", ts.apply(LocalDateTime.MIN));
        assertEquals("2299-12-31 23:59:59.999999", encode(m.map(AllTypes.col("x", TypeFamily.TIMESTAMPTZ, "timestamptz",
                true, 0)), Instant.MAX));
        assertEquals("1900-01-01", encode(m.map(AllTypes.col("x", TypeFamily.DATE, "date", true, 0)), LocalDate.MIN));
        assertEquals("true", encode(m.map(AllTypes.col("x", TypeFamily.BOOL, "boolean", true, 0)), true));
        assertEquals("\\N", encode(m.map(AllTypes.numeric("x", 12, 2)), "NaN"));
        assertEquals("-0.05", encode(m.map(AllTypes.numeric("x", 12, 2)), new BigDecimal("-0.05")));
        assertEquals("[-nan,inf,NULL]", encode(m.map(AllTypes.array("x", TypeFamily.FLOAT8, "float8[]")),
                Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, null)));
    }

    private static String encode(ChColumn c, Object v) {
        ByteBuf b = new ByteBuf();
        TsvEncoder.field(b, c, v, "t");
        return new String(b.data, 0, b.size, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void unusedSpecFieldsDoNotMatter() {
        ColumnSpec key = AllTypes.col("k", TypeFamily.TEXT, "text", true, 1);
        assertEquals("String", new ChTypeMapper(ServerVersion.parse("18.16.1")).map(key).type());
    }
}
