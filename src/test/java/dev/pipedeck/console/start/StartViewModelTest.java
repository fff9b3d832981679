package dev.pipedeck.console.start;

import dev.pipedeck.catalog.CatalogException;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.console.common.TaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start screen's rules without a screen: form checks, sentences, what is remembered and how. */
class StartViewModelTest {
    private final Preferences node = Preferences.userRoot().node("dev/pipedeck/start-vm-test/" + UUID.randomUUID());
    private final SecretBox key = new SecretBox("k1".getBytes(StandardCharsets.UTF_8));
    private final List<String> opened = new ArrayList<>();
    private final List<String> shown = new ArrayList<>();
    private String failWith;

    private final CatalogOpener opener = new CatalogOpener() {
        @Override
        public String test(String jdbcUrl) {
            if (failWith != null) {
                throw new CatalogException(failWith);
            }
            return "PostgreSQL 17.6 with a PipeDeck catalog of 2 pipes.";
        }

        @Override
        public Runnable open(String jdbcUrl, String name) {
            opened.add(jdbcUrl);
            return () -> shown.add(name);
        }

        @Override
        public Runnable openDemo() {
            return () -> shown.add("demo");
        }
    };

    @AfterEach
    void removeNode() throws Exception {
        node.removeNode();
    }

    private StartViewModel vm(RecentCatalogs recents) {
        return new StartViewModel(opener, recents, TaskRunner.SAME_THREAD);
    }

    @Test
    void theFormSaysWhatToFixBeforeConnecting() {
        StartViewModel vm = vm(new RecentCatalogs(node, key));
        vm.userProperty().set("alice");
        vm.portProperty().set("54x");
        vm.connect();
        assertTrue(vm.messageIsErrorProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("The port must be a number from 1 to 65535"), vm.messageProperty().get());
        vm.portProperty().set("5432");
        vm.databaseProperty().set(" ");
        vm.connect();
        assertTrue(vm.messageProperty().get().startsWith("Enter the name of the database"), vm.messageProperty().get());
        assertEquals(List.of(), opened);
        assertFalse(vm.canConnectBinding().get(), "no database: Connect is disabled");
    }

    @Test
    void aFailedConnectionNamesTheCatalogAndKeepsThePasswordOut() {
        StartViewModel vm = vm(new RecentCatalogs(node, key));
        vm.hostProperty().set("db.internal");
        vm.userProperty().set("alice");
        vm.passwordProperty().set("hunter2");
        failWith = "The server rejected the login: wrong user or password. Check both and try again.";
        vm.connect();
        assertEquals("Could not connect to alice@db.internal:5432/pipedeck. The server rejected the login: wrong user or password. "
                + "Check both and try again.", vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
        assertEquals(List.of(), shown);
        assertEquals(List.of(), vm.recent(), "only catalogs that opened are remembered");
    }

    @Test
    void aCatalogThatOpensIsRememberedMostRecentFirstWithItsPasswordEncrypted() {
        Instant[] now = {Instant.parse("2026-01-01T10:00:00Z")};
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        RecentCatalogs recents = new RecentCatalogs(node, key, clock);
        StartViewModel vm = vm(recents);
        vm.hostProperty().set("db.internal");
        vm.userProperty().set("alice");
        vm.passwordProperty().set("p@ss word&x=1");
        vm.connect();
        now[0] = now[0].plusSeconds(60);
        vm.databaseProperty().set("other");
        vm.passwordProperty().set("");
        vm.connect();
        assertEquals(List.of("alice@db.internal:5432/pipedeck", "alice@db.internal:5432/other"), shown);
        assertEquals("jdbc:postgresql://db.internal:5432/pipedeck?user=alice&password=p%40ss%20word%26x%3D1", opened.get(0));
        assertEquals(List.of("alice@db.internal:5432/other", "alice@db.internal:5432/pipedeck"),
                vm.recent().stream().map(RememberedCatalog::toString).toList());
        RememberedCatalog withPassword = vm.recent().get(1);
        assertTrue(withPassword.encryptedPassword().startsWith("v1:"));
        assertFalse(withPassword.encryptedPassword().contains("p@ss"));
        assertNull(vm.recent().get(0).encryptedPassword());

        // choosing it fills the form with the decrypted password; another key cannot read it and says so
        vm.choose(withPassword);
        assertEquals("p@ss word&x=1", vm.passwordProperty().get());
        StartViewModel otherKey = vm(new RecentCatalogs(node, new SecretBox("k2".getBytes(StandardCharsets.UTF_8))));
        otherKey.choose(otherKey.recent().get(1));
        assertEquals("", otherKey.passwordProperty().get());
        assertTrue(otherKey.messageProperty().get().contains("cannot be read with this computer's secret key"));
        assertThrows(CatalogException.class, () -> new RecentCatalogs(node, new SecretBox("k2".getBytes(StandardCharsets.UTF_8))).password(withPassword));
    }

    @Test
    void atMostTenAreKeptAndForgetRemovesOne() {
        long[] millis = {0};
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(millis[0]); }
        };
        RecentCatalogs recents = new RecentCatalogs(node, key, clock);
        for (int i = 0; i < 12; i++) {
            millis[0] += 1000;
            recents.remember(new CatalogAddress("h" + i, 5432, "db", "u"), "pw" + i);
        }
        List<RememberedCatalog> list = recents.list();
        assertEquals(RecentCatalogs.MAX, list.size());
        assertEquals("h11", list.get(0).address().host());
        assertEquals("h2", list.get(9).address().host());
        recents.forget(list.get(0).address());
        assertEquals("h10", recents.list().get(0).address().host());
    }
}
