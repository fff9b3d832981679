package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.AllTypes;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.sink.Destination.TableTarget;
import dev.pipedeck.sink.DestinationUrl;
import dev.pipedeck.sink.Destinations;
import dev.pipedeck.testing.ClickHouseTestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pipedeck.sink.AllTypes.change;
import static dev.pipedeck.sink.AllTypes.col;
import static org.junit.jupiter.api.Assertions.*;

/** Failures: credentials, missing objects, incompatible tables, bad values, outages, TLS. */
class ClickHouseFailuresTest {
    private static final AtomicInteger N = new AtomicInteger();
    private ClickHouseTestServer ch;
    private String db;

    @BeforeEach
    void setUp() {
        ch = ClickHouseTestServer.get();
        db = ch.createDatabase("sinkfail_" + N.incrementAndGet());
    }

    private Destination open() {
        return Destinations.open(ch.url(db));
    }

    private static TableSchema orders(String table, boolean withNote) {
        return ClickHouseDestinationTest.orders(table, withNote);
    }

    private String visible(String table) {
        return ch.query("SELECT id, status, qty FROM `" + db + "`.`" + table
                + "` FINAL WHERE _peerdb_is_deleted = 0 ORDER BY id FORMAT TabSeparated");
    }

    @Test
    void httpsWithPasswordAndGzip() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ch.httpsPort() > 0, "openssl not installed: no HTTPS test");
        DestinationUrl url = DestinationUrl.parse(ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD)
                .replace("clickhouse://", "clickhouses://").replace(":" + ch.httpPort() + "/", ":" + ch.httpsPort() + "/")
                + "?compress=gzip");
        assertTrue(url.secure());
        TableSchema s = orders("tls", false);
        try (Destination d = new ClickHouseDestination(url, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(30), ch.trustingSslContext())) {
            assertTrue(d.check().startsWith("ClickHouse"));
            d.prepare(List.of(new TableTarget(s, "tls")));
            d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{1L, "over tls", 1}, 10)));
        }
        assertEquals("1\tover tls\t1\n", visible("tls"));
        // without trusting the self-signed certificate the failure is reported, not hidden
        try (Destination d = Destinations.open(url)) {
            PipeDeckException e = assertThrows(PipeDeckException.class, d::check);
            assertEquals(FailureKind.PERMANENT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().startsWith("TLS handshake with ClickHouse"), e.getMessage());
        }
    }

    @Test
    void passwordUserWorksAndWrongPasswordIsPermanent() {
        try (Destination d = Destinations.open(ch.urlWithPassword(db, ClickHouseTestServer.PASSWORD))) {
            assertTrue(d.check().contains("ClickHouse"));
        }
        DestinationUrl bad = DestinationUrl.parse(ch.urlWithPassword(db, "nope-wrong"));
        try (Destination d = Destinations.open(bad)) {
            PipeDeckException e = assertThrows(PipeDeckException.class, d::check);
            assertEquals(FailureKind.PERMANENT, e.kind());
            assertTrue(e.getMessage().contains("ClickHouse rejected user pipedeck: wrong password or unknown user"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("nope-wrong"));
        }
    }

    @Test
    void missingDatabaseIsPermanent() {
        try (Destination d = Destinations.open(ch.url("no_such_db_here"))) {
            PipeDeckException e = assertThrows(PipeDeckException.class, d::check);
            assertEquals(FailureKind.PERMANENT, e.kind());
            assertTrue(e.getMessage().contains("no_such_db_here") && e.getMessage().contains("does not exist"),
                    e.getMessage());
        }
    }

    @Test
    void incompatibleExistingTableIsPermanentAndUntouched() {
        ch.query("CREATE TABLE `" + db + "`.bad (id Int64, status String, qty Nullable(Int32)) ENGINE = MergeTree "
                + "ORDER BY id");
        ch.query("INSERT INTO `" + db + "`.bad VALUES (7, 'keep', 1)");
        try (Destination d = open()) {
            PipeDeckException e = assertThrows(PipeDeckException.class,
                    () -> d.prepare(List.of(new TableTarget(orders("bad", false), "bad"))));
            assertEquals(FailureKind.PERMANENT, e.kind());
            assertTrue(e.getMessage().contains(db + ".bad") && e.getMessage().contains("engine is MergeTree")
                    && e.getMessage().contains("_peerdb_version is missing"), e.getMessage());
        }
        assertEquals("7\tkeep\t1\n", ch.query("SELECT * FROM `" + db + "`.bad FORMAT TabSeparated"));
        assertTrue(ch.query("SHOW CREATE TABLE `" + db + "`.bad").contains("MergeTree"));
    }

    @Test
    void valueTheColumnCannotHoldIsPermanentAndNamesTheTable() {
        // a compatible layout whose status column someone made numeric: found when the table is prepared (the column's
        // type is compared with the source's), at the latest when a value it cannot hold arrives
        ch.query("CREATE TABLE `" + db + "`.typed (id Int64, status Int32, qty Nullable(Int32), "
                + "_peerdb_synced_at DateTime DEFAULT now(), _peerdb_is_deleted Int8, _peerdb_version Int64) "
                + "ENGINE = ReplacingMergeTree(_peerdb_version) ORDER BY id");
        TableSchema s = orders("typed", false);
        try (Destination d = open()) {
            PipeDeckException e = assertThrows(PipeDeckException.class, () -> {
                d.prepare(List.of(new TableTarget(s, "typed")));
                d.apply(List.of(change(ChangeKind.INSERT, s, new Object[]{1L, "not a number", 1}, 10)));
            });
            assertEquals(FailureKind.PERMANENT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("table typed"), e.getMessage());
        }
    }

    @Test
    void serverDownIsTransientAndTheNextAttemptSucceeds() {
        TableSchema s = orders("o7", false);
        DestinationUrl url = DestinationUrl.parse(ch.url(db));
        try (Destination d = new ClickHouseDestination(url, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(5))) {
            d.prepare(List.of(new TableTarget(s, "o7")));
            List<RowChange> batch = List.of(change(ChangeKind.INSERT, s, new Object[]{1L, "a", 1}, 10),
                    change(ChangeKind.INSERT, s, new Object[]{2L, "b", 2}, 11));
            ch.stop();
            try {
                PipeDeckException e = assertThrows(PipeDeckException.class, () -> d.apply(batch));
                assertEquals(FailureKind.TRANSIENT, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains("Cannot reach ClickHouse"), e.getMessage());
            } finally {
                ch.start();
            }
            d.apply(batch);
        }
        assertEquals("1\ta\t1\n2\tb\t2\n", visible("o7"));
    }

    @Test
    void tableWithoutPrimaryKeyIsRejected() {
        TableSchema s = new TableSchema(new TableRef("public", "nokey"),
                List.of(col("a", TypeFamily.INT4, "integer", true, 0)));
        try (Destination d = open()) {
            PipeDeckException e = assertThrows(PipeDeckException.class,
                    () -> d.prepare(List.of(new TableTarget(s, "nokey"))));
            assertTrue(e.getMessage().contains("no primary key"), e.getMessage());
        }
    }

    @Test
    void classifiesServerErrorCodes() {
        assertEquals(FailureKind.PERMANENT, ChErrors.fromResponse(500,
                "Code: 27, e.displayText() = DB::Exception: Cannot parse input", "u", "d", "t").kind());
        assertEquals(FailureKind.TRANSIENT, ChErrors.fromResponse(500,
                "Code: 252, e.displayText() = DB::Exception: Too many parts", "u", "d", "t").kind());
        assertEquals(FailureKind.TRANSIENT, ChErrors.fromResponse(500,
                "Code: 159. DB::Exception: Timeout exceeded", "u", "d", "t").kind());
        assertEquals(FailureKind.TRANSIENT, ChErrors.fromResponse(503, "upstream unavailable", "u", "d", "t").kind());
        PipeDeckException auth = ChErrors.fromResponse(516,
                "Code: 516. DB::Exception: bob: Authentication failed", "bob", "d", null);
        assertEquals(FailureKind.PERMANENT, auth.kind());
        assertTrue(auth.getMessage().startsWith("ClickHouse rejected user bob: wrong password or unknown user"));
        assertEquals(FailureKind.PERMANENT, ChErrors.fromResponse(404,
                "Code: 81. DB::Exception: Database x doesn't exist", "u", "x", null).kind());
        PipeDeckException mismatch = ChErrors.fromResponse(500, "Code: 53, Type mismatch", "u", "d", "tbl");
        assertEquals(FailureKind.PERMANENT, mismatch.kind());
        assertTrue(mismatch.getMessage().contains("table tbl"), mismatch.getMessage());
    }
}
