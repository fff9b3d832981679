package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.sink.Destination.TableTarget;
import dev.pipedeck.sink.Destinations;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.pipedeck.sink.AllTypes.array;
import static dev.pipedeck.sink.AllTypes.change;
import static dev.pipedeck.sink.AllTypes.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bit of a float reaches ClickHouse: subnormals (18.16's text parser turns {@code 5e-324} into 0), -0.0, NaN,
 * infinities, the extremes — in plain, Nullable and array columns. Read back as RowBinary and compared bit by bit.
 */
class FloatBitsTest {
    private static final double[] DOUBLES = {Double.MIN_VALUE, -Double.MIN_VALUE, 2.5e-320, Double.MIN_NORMAL,
            -0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
            -Double.MAX_VALUE, 0.1, 1.0 / 3, Math.PI, 1e308, 4.9e-324 * 3};
    private static final float[] FLOATS = {Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, Float.MIN_NORMAL, -0.0f, 0.0f,
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, 0.1f,
            1.0f / 3, (float) Math.PI, 3.4028235e38f, 1.17549435E-38f};

    @Test
    void everyFloatBitSurvivesTheInsert() throws Exception {
        ClickHouseTestServer ch = ClickHouseTestServer.get();
        String db = ch.createDatabase("floatbits");
        TableSchema s = new TableSchema(new TableRef("public", "floats"), List.of(
                col("id", TypeFamily.INT8, "bigint", false, 1),
                col("f8", TypeFamily.FLOAT8, "double precision", false, 0),
                col("f8n", TypeFamily.FLOAT8, "double precision", true, 0),
                col("f4", TypeFamily.FLOAT4, "real", false, 0),
                col("f4n", TypeFamily.FLOAT4, "real", true, 0),
                array("f8a", TypeFamily.FLOAT8, "double precision[]")));
        List<RowChange> rows = new ArrayList<>();
        for (int i = 0; i < DOUBLES.length; i++) {
            rows.add(change(ChangeKind.INSERT, s, new Object[]{(long) i, DOUBLES[i], DOUBLES[i], FLOATS[i], FLOATS[i],
                    Arrays.asList(DOUBLES[i], null, DOUBLES[DOUBLES.length - 1 - i])}, 100 + i));
        }
        try (Destination d = Destinations.open(ch.url(db))) {
            d.prepare(List.of(new TableTarget(s, "floats")));
            d.apply(rows);
        }
        ByteBuffer b = ByteBuffer.wrap(rowBinary(ch, "SELECT id, f8, f8n, f4, f4n, f8a FROM `" + db
                + "`.floats FINAL ORDER BY id")).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < DOUBLES.length; i++) {
            String row = "row " + i + " (" + DOUBLES[i] + " / " + FLOATS[i] + ")";
            assertEquals(i, b.getLong(), row + " id");
            assertEquals(Double.doubleToRawLongBits(DOUBLES[i]), b.getLong(), row + " f8 bits");
            assertEquals(0, b.get(), row + " f8n not null");
            assertEquals(Double.doubleToRawLongBits(DOUBLES[i]), b.getLong(), row + " f8n bits");
            assertEquals(Float.floatToRawIntBits(FLOATS[i]), b.getInt(), row + " f4 bits");
            assertEquals(0, b.get(), row + " f4n not null");
            assertEquals(Float.floatToRawIntBits(FLOATS[i]), b.getInt(), row + " f4n bits");
            assertEquals(3, b.get(), row + " array length");
            assertEquals(0, b.get());
            assertEquals(Double.doubleToRawLongBits(DOUBLES[i]), b.getLong(), row + " f8a[1] bits");
            assertEquals(1, b.get(), row + " f8a[2] is NULL");
            assertEquals(0, b.get());
            assertEquals(Double.doubleToRawLongBits(DOUBLES[DOUBLES.length - 1 - i]), b.getLong(), row + " f8a[3] bits");
        }
        assertTrue(!b.hasRemaining(), "no more rows than written");
        // and the server itself sees the subnormal as non-zero
        assertEquals("1\n", ch.query("SELECT f8 > 0 AND f8 < 1e-300 FROM `" + db + "`.floats FINAL WHERE id = 0"));
    }

    /** A query's result in RowBinary, as bytes. */
    static byte[] rowBinary(ClickHouseTestServer ch, String sql) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ch.httpPort() + "/?query="
                        + URLEncoder.encode(sql + " FORMAT RowBinary", StandardCharsets.UTF_8)))
                .header("X-ClickHouse-User", "default").GET().build();
        HttpResponse<byte[]> resp = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, resp.statusCode(), () -> new String(resp.body(), StandardCharsets.UTF_8));
        return resp.body();
    }
}
