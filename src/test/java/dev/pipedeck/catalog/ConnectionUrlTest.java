package dev.pipedeck.catalog;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionUrlTest {
    @Test
    void splitsThePasswordOffAJdbcUrl() {
        ConnectionUrl u = ConnectionUrl.splitJdbc("jdbc:postgresql://h:5432/shop?user=rep&password=p%26w&sslmode=require");
        assertEquals("jdbc:postgresql://h:5432/shop?user=rep&sslmode=require", u.url());
        assertEquals("rep", u.user());
        assertEquals("p&w", u.password());
    }

    @Test
    void aPasswordFirstInTheQueryLeavesAValidUrl() {
        ConnectionUrl u = ConnectionUrl.splitJdbc("jdbc:postgresql://h/shop?password=x&user=rep");
        assertEquals("jdbc:postgresql://h/shop?user=rep", u.url());
        assertEquals("x", u.password());
    }

    @Test
    void aUrlWithoutCredentialsIsKept() {
        ConnectionUrl u = ConnectionUrl.splitJdbc("jdbc:postgresql://h:5432/shop");
        assertEquals("jdbc:postgresql://h:5432/shop", u.url());
        assertNull(u.user());
        assertNull(u.password());
    }

    @Test
    void malformedUrlsNameTheBadPartButNotThePassword() {
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> ConnectionUrl.splitJdbc("postgres://u:topsecret@h/db"));
        assertTrue(scheme.getMessage().contains("jdbc:postgresql://"), scheme.getMessage());
        assertFalse(scheme.getMessage().contains("topsecret"), scheme.getMessage());
        IllegalArgumentException noDb = assertThrows(IllegalArgumentException.class,
                () -> ConnectionUrl.splitJdbc("jdbc:postgresql://h:5432?user=u&password=topsecret"));
        assertTrue(noDb.getMessage().contains("no host or database"), noDb.getMessage());
        assertFalse(noDb.getMessage().contains("topsecret"), noDb.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConnectionUrl.splitJdbc(null));
    }

    @Test
    void splitsAndJoinsUserInfo() {
        ConnectionUrl u = ConnectionUrl.splitUserInfo("clickhouse://default:p%40ss@ch:8123/db");
        assertEquals("clickhouse://default@ch:8123/db", u.url());
        assertEquals("default", u.user());
        assertEquals("p@ss", u.password());
        String joined = ConnectionUrl.joinUserInfo(u.url(), u.user(), u.password());
        assertEquals("clickhouse://default:p%40ss@ch:8123/db", joined);
        assertEquals(u, ConnectionUrl.splitUserInfo(joined));
        assertEquals("clickhouse://x:pw@ch/db", ConnectionUrl.joinUserInfo("clickhouse://ch/db", "x", "pw"));
        assertEquals(new ConnectionUrl("duckdb:/tmp/a.duckdb", null, null), ConnectionUrl.splitUserInfo("duckdb:/tmp/a.duckdb"));
    }

    @Test
    void hostAndDatabaseDropsTheParameters() {
        assertEquals("h:5432/shop", ConnectionUrl.hostAndDatabase("jdbc:postgresql://h:5432/shop?user=u"));
    }
}
