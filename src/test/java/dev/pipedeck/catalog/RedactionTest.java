package dev.pipedeck.catalog;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class RedactionTest {
    @Test
    void removesQueryPasswords() {
        assertEquals("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true",
                Redaction.redactUrl("jdbc:postgresql://h:5432/db?user=u&password=hunter2&ssl=true"));
        assertEquals("jdbc:postgresql://h/db?PASSWORD=***", Redaction.redactUrl("jdbc:postgresql://h/db?PASSWORD=x"));
    }

    @Test
    void removesUserInfoPasswords() {
        assertEquals("clickhouse://default:***@ch:8123/db", Redaction.redactUrl("clickhouse://default:s3cret@ch:8123/db"));
        assertEquals("postgres://u:***@h/db", Redaction.redactUrl("postgres://u:p@h/db"));
    }

    @Test
    void removesUserInfoPasswordsContainingSlashes() {
        String out = Redaction.redactUrl("clickhouse://default:pa/ss@ch:8123/db");
        assertFalse(out.contains("pa/ss"), out);
    }

    @Test
    void leavesUrlsWithoutPasswordsAlone() {
        assertEquals("clickhouse://default@ch:8123/db", Redaction.redactUrl("clickhouse://default@ch:8123/db"));
        assertEquals("duckdb:/tmp/a.duckdb", Redaction.redactUrl("duckdb:/tmp/a.duckdb"));
        assertNull(Redaction.redactUrl(null));
    }

    @Test
    void redactsKnownSecretsInAnyText() {
        assertEquals("login failed for *** at h", Redaction.redact("login failed for topsecret at h", "topsecret", null));
        assertEquals("x password=***", Redaction.redact("x password=abc"));
        assertEquals("could not open h/db?password=***: refused", Redaction.redact("could not open h/db?password=pw:x: refused"));
    }
}
