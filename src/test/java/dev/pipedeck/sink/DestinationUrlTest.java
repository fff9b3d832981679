package dev.pipedeck.sink;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class DestinationUrlTest {
    @Test
    void parsesClickHouseWithDefaults() {
        DestinationUrl u = DestinationUrl.parse("clickhouse://ch.example.com/analytics");
        assertEquals(DestinationUrl.Kind.CLICKHOUSE, u.kind());
        assertEquals("ch.example.com", u.host());
        assertEquals(8123, u.port());
        assertEquals("default", u.user());
        assertEquals("", u.password());
        assertEquals("analytics", u.database());
        assertFalse(u.secure());
        assertEquals("http://ch.example.com:8123/", u.httpBase());
        assertEquals("default", DestinationUrl.parse("clickhouse://h").database());
    }

    @Test
    void decodesUserAndPasswordAndSupportsHttps() {
        DestinationUrl u = DestinationUrl.parse("clickhouses://us%40er:p%40ss%3Aw%2Fo+rd@10.0.0.5/db");
        assertTrue(u.secure());
        assertEquals(8443, u.port());
        assertEquals("us@er", u.user());
        assertEquals("p@ss:w/o+rd", u.password());
        assertEquals("https://10.0.0.5:8443/", u.httpBase());
        DestinationUrl s = DestinationUrl.parse("clickhouse://u:pw@h:9999/db?secure=true&compress=gzip");
        assertTrue(s.secure());
        assertTrue(s.gzip());
        assertEquals(9999, s.port());
    }

    @Test
    void redactsThePassword() {
        DestinationUrl u = DestinationUrl.parse("clickhouse://bob:hunter2@h:8123/db");
        assertEquals("clickhouse://bob:***@h:8123/db", u.redacted());
        assertEquals(u.redacted(), u.toString());
        assertFalse(String.valueOf(u).contains("hunter2"));
        DestinationUrl stripped = u.withPassword("");
        assertEquals("clickhouse://bob@h:8123/db", stripped.redacted());
        assertEquals("hunter2", stripped.withPassword("hunter2").password());
        assertEquals(u, stripped.withPassword("hunter2"));
    }

    @Test
    void parsesAClusterAndKeepsItThroughRedactionAndPasswordChanges() {
        DestinationUrl u = DestinationUrl.parse("clickhouse://bob:hunter2@h:8123/db?cluster=analytics_2sh&compress=gzip");
        assertTrue(u.isCluster());
        assertEquals("analytics_2sh", u.cluster());
        assertEquals("clickhouse://bob:***@h:8123/db?compress=gzip&cluster=analytics_2sh", u.redacted());
        assertEquals("analytics_2sh", DestinationUrl.parse(u.withPassword("").redacted()).cluster());
        assertEquals(u, u.withPassword("").withPassword("hunter2"));
        assertFalse(DestinationUrl.parse("clickhouse://h/db").isCluster());
        assertMessage("clickhouse://u:secretpw@h/db?cluster=a%20b", "cluster 'a b' is not a cluster name");
        assertMessage("clickhouse://u:secretpw@h/db?cluster=x;DROP", "is not a cluster name");
    }

    @Test
    void parsesDuckDb() {
        DestinationUrl u = DestinationUrl.parse("duckdb:/data/pipe.duckdb");
        assertEquals(DestinationUrl.Kind.DUCKDB, u.kind());
        assertEquals("/data/pipe.duckdb", u.path());
        assertEquals("duckdb:/data/pipe.duckdb", u.toString());
        assertEquals("rel/x.db", DestinationUrl.parse("duckdb:rel/x.db").path());
    }

    @Test
    void invalidUrlsNameTheBadPartButNeverThePassword() {
        assertMessage("mysql://u:secretpw@h/db", "unsupported destination scheme 'mysql'");
        assertMessage("clickhouse://u:secretpw@h:99999/db", "port '99999'");
        assertMessage("clickhouse://u:secretpw@h:abc/db", "port 'abc'");
        assertMessage("clickhouse://u:secretpw@/db", "no host");
        assertMessage("clickhouse://u:secret%zzpw@h/db", "password has an invalid %-escape");
        assertMessage("clickhouse://u:secretpw@h/db?bogus=1", "unknown clickhouse URL option 'bogus'");
        assertMessage("duckdb:", "no file path");
        assertMessage("", "empty");
    }

    private static void assertMessage(String url, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DestinationUrl.parse(url));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
