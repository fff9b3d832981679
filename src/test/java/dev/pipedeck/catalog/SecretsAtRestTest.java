package dev.pipedeck.catalog;

import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.engine.SourceCleanup;
import dev.pipedeck.testing.TestCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Passwords are stored encrypted, open only with the right key, and appear nowhere in clear in the catalog. */
class SecretsAtRestTest {
    private static final String SOURCE_PW = "s0urce-Pa55!word";
    private static final String DEST_PW = "cl1ckh0use/p@ss";
    private static TestCatalog db;
    private static Pipe pipe;

    @BeforeAll
    static void createPipeWithPasswords() {
        db = new TestCatalog("secrets");
        String source = "jdbc:postgresql://db.example:5432/shop?user=replicator&password=" + SOURCE_PW.replace("!", "%21");
        String dest = "clickhouse://default:" + DEST_PW.replace("/", "%2F").replace("@", "%40") + "@ch.example:8123/analytics";
        pipe = db.control().create(new PipeSpec("secretive", source, dest, TableMapping.parseList("public.orders"), 100,
                Duration.ofSeconds(1), 1), Actor.of(Actor.Kind.CLI));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void noTextInTheCatalogContainsAPasswordInClear() throws Exception {
        List<String> texts = new ArrayList<>();
        try (Connection c = db.catalog().dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : List.of("pipe", "audit_event", "table_counter")) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            texts.add(String.valueOf(rs.getString(i)));
                        }
                    }
                }
            }
        }
        assertTrue(texts.size() > 20, "read the rows");
        for (String t : texts) {
            for (String secret : List.of(SOURCE_PW, DEST_PW, "s0urce-Pa55", "p@ss", "%21", "%40")) {
                assertFalse(t.contains(secret), "clear-text secret in catalog: " + secret);
            }
        }
        assertTrue(pipe.sourcePasswordEnc().startsWith("v1:"));
        assertEquals("replicator", pipe.sourceUser());
        assertFalse(pipe.sourceUrl().contains("password"), pipe.sourceUrl());
        assertEquals("clickhouse://default@ch.example:8123/analytics", pipe.destinationUrl());
    }

    @Test
    void theRightKeyOpensThePasswords() {
        PipeControl control = db.control();
        Pipe p = control.get("secretive");
        assertEquals(SOURCE_PW, control.credentials().sourceConfig(p).password());
        String full = control.credentials().destinationUrl(p);
        assertTrue(full.startsWith("clickhouse://default:"), full);
        assertEquals(DEST_PW, ConnectionUrl.splitUserInfo(full).password());
    }

    @Test
    void theWrongKeyFailsWithASentenceThatSaysWhatToDo() {
        SecretBox other = new SecretBox("another key".getBytes(StandardCharsets.UTF_8));
        PipeControl control = new PipeControl(db.catalog(), other, PipeChecks.NONE, SourceCleanup.NONE);
        CatalogException e = assertThrows(CatalogException.class, () -> control.credentials().sourceConfig(control.get("secretive")));
        assertTrue(e.getMessage().contains("different secret key") && e.getMessage().contains("PIPEDECK_SECRET_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains(SOURCE_PW));
    }

    @Test
    void encryptionIsRandomisedAndTamperingIsDetected() {
        SecretBox box = db.secrets();
        String a = box.encrypt("same");
        String b = box.encrypt("same");
        assertNotEquals(a, b, "a fresh nonce each time");
        assertEquals("same", box.decrypt(a));
        char last = a.charAt(a.length() - 3);
        String tampered = a.substring(0, a.length() - 3) + (last == 'A' ? 'B' : 'A') + a.substring(a.length() - 2);
        assertThrows(CatalogException.class, () -> box.decrypt(tampered));
        assertThrows(CatalogException.class, () -> box.decrypt("plain text"));
        assertEquals(null, box.encrypt(null));
    }

    @Test
    void processesStartingTogetherAgreeOnOneKey(@TempDir Path home) throws Exception {
        for (int round = 0; round < 10; round++) {
            Path file = home.resolve("r" + round).resolve("secret.key");
            int n = 6;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
            try {
                List<java.util.concurrent.Future<SecretBox>> boxes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    boxes.add(pool.submit(() -> {
                        start.await();
                        return SecretBox.fromKeyFile(file);
                    }));
                }
                String enc = boxes.get(0).get().encrypt("shared");
                for (java.util.concurrent.Future<SecretBox> b : boxes) {
                    assertEquals("shared", b.get().decrypt(enc));
                }
            } finally {
                pool.shutdownNow();
            }
            try (var files = Files.list(file.getParent())) {
                assertEquals(List.of("secret.key"), files.map(f -> f.getFileName().toString()).toList(), "no temp files left");
            }
        }
    }

    @Test
    void anEmptyKeyFileIsAnErrorNotAnotherKey(@TempDir Path home) throws Exception {
        Path file = home.resolve("secret.key");
        Files.createFile(file);
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> SecretBox.fromKeyFile(file));
        assertTrue(e.getMessage().startsWith("the secret key file ") && e.getMessage().contains("is empty")
                && e.getMessage().contains("PIPEDECK_SECRET_KEY"), e.getMessage());
    }

    @Test
    void theKeyFileIsCreatedPrivateAndReused(@TempDir Path home) throws Exception {
        Path file = home.resolve("sub").resolve("secret.key");
        SecretBox first = SecretBox.fromKeyFile(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String enc = first.encrypt("pw");
        assertEquals("pw", SecretBox.fromKeyFile(file).decrypt(enc), "the same key on the next start");
    }
}
