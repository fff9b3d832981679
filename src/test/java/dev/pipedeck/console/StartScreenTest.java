package dev.pipedeck.console;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.NewPipe;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.console.start.CatalogAddress;
import dev.pipedeck.console.start.RecentCatalogs;
import dev.pipedeck.console.start.RememberedCatalog;
import dev.pipedeck.demo.DemoEnvironment;
import dev.pipedeck.testing.TestPostgres;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start screen in a real window: the demo, a wrong password, the right one, and the catalogs remembered. */
class StartScreenTest extends ShellTestBase {
    private static final AtomicInteger ROLES = new AtomicInteger();

    @Test
    void wrongPasswordGetsAClearSentenceAndTheRightOneOpensDataSources() throws Exception {
        String database = TestPostgres.newDatabase("start_login");
        String role = "desk_user_" + ROLES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        String password = "s3cret-Right!";
        passwordRole(role, password, database);
        int port = TestPostgres.server().port();

        launch();
        interact(() -> shell.showStart(null));
        assertEquals("PipeDeck", title());
        typeInto("#hostField", "127.0.0.1");
        typeInto("#portField", String.valueOf(port));
        typeInto("#databaseField", database);
        typeInto("#userField", role);
        typeInto("#passwordField", "wrong-password");
        clickOn("#connectButton");
        waitUntil(30, () -> message().contains("wrong user or password"));
        String sentence = message();
        assertTrue(sentence.startsWith("Could not connect to " + role + "@127.0.0.1:" + port + "/" + database + "."), sentence);
        assertFalse(sentence.contains("wrong-password"), sentence);
        assertFalse(sentence.contains("Exception"), sentence);
        assertTrue(lookup("#messageLabel").queryAs(Label.class).getStyleClass().contains("error-text"));
        assertEquals("PipeDeck", title(), "still on the start screen");

        // the Test button says what is there, then Connect (by its mnemonic, Alt+C) opens the catalog
        typeInto("#passwordField", password);
        clickOn("#testButton");
        waitUntil(30, () -> message().startsWith("Connected: PostgreSQL"));
        assertTrue(message().contains("no PipeDeck catalog yet"), message());
        press(KeyCode.ALT, KeyCode.C).release(KeyCode.C, KeyCode.ALT);
        waitUntil(60, () -> lookup("#pipesTable").tryQuery().isPresent());
        assertTrue(title().endsWith("— " + role + "@127.0.0.1:" + port + "/" + database), title());
        assertEquals(0, lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().getSelectedIndex(), "Data Sources");

        // a pipe created elsewhere (here: straight into the catalog) shows up on refresh
        try (Catalog admin = Catalog.open(TestPostgres.jdbcUrl(database) + "?user=postgres")) {
            new PipeRepository(admin.dataSource()).insert(new NewPipe("login-pipe", "jdbc:postgresql://db.internal:5432/shop?user=r", "r", null,
                    "duckdb:/tmp/login-pipe.duckdb", null, List.of(new TableMapping(new TableRef("public", "orders"), "orders")),
                    10_000, Duration.ofSeconds(1), 2, "s_login", "p_login", "test"), Actor.of(Actor.Kind.TEST));
        }
        press(KeyCode.F5).release(KeyCode.F5);
        waitUntil(30, () -> pipeShown("login-pipe"));

        // remembered, most recent first, and the password only encrypted
        RecentCatalogs recents = new RecentCatalogs(Preferences.userRoot().node(prefsPath).node("catalogs"), SECRETS);
        List<RememberedCatalog> list = recents.list();
        assertEquals(1, list.size());
        assertEquals(role, list.get(0).address().user());
        assertTrue(list.get(0).encryptedPassword().startsWith("v1:"), "stored encrypted");
        assertEquals(password, recents.password(list.get(0)));
        Preferences.userRoot().node(prefsPath).flush();
        assertFalse(allPreferenceValues(Preferences.userRoot().node(prefsPath)).contains(password), "the password is never stored in clear");
    }

    @Test
    void rememberedCatalogsAreListedMostRecentFirstAndOpenWithEnter() {
        String first = catalogWithPipes("start_recent_a", "recent-a");
        String second = catalogWithPipes("start_recent_b", "recent-b");
        int port = TestPostgres.server().port();
        RecentCatalogs recents = new RecentCatalogs(Preferences.userRoot().node(prefsPath).node("catalogs"), SECRETS);
        recents.remember(new CatalogAddress("127.0.0.1", port, first, "postgres"), null);
        sleep(20);
        recents.remember(new CatalogAddress("127.0.0.1", port, second, "postgres"), null);

        launch();
        interact(() -> shell.showStart(null));
        @SuppressWarnings("unchecked")
        var items = lookup("#recentList").queryListView().getItems();
        assertEquals(2, items.size());
        assertTrue(items.get(0).toString().endsWith("/" + second), "most recent first: " + items);
        // the list has the focus and its first entry selected: Enter connects to it
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(60, () -> pipeShown("recent-b"));
        assertTrue(title().endsWith("/" + second), title());
    }

    @Test
    void theDemoOpensFromTheStartScreen() {
        launch();
        interact(() -> shell.showStart(null));
        // the demo button has the focus on a first start: Space presses it
        press(KeyCode.SPACE).release(KeyCode.SPACE);
        waitUntil(10, () -> message().startsWith("Starting the demo"));
        waitUntil(240, () -> pipeShown(DemoEnvironment.PIPE_NAME));
        assertTrue(title().contains("demo catalog 127.0.0.1:"), title());
        assertTrue(shell.session().isDemo());
        assertTrue(Files.exists(temp.resolve("demo").resolve("shop.duckdb")), "the demo's DuckDB file in the test's folder");
    }

    private String message() {
        return lookup("#messageLabel").queryAs(Label.class).getText();
    }

    /** A login role with a password that the server checks (scram), owning the database; other roles keep trust. */
    static void passwordRole(String role, String password, String database) throws Exception {
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            st.execute("ALTER DATABASE " + database + " OWNER TO " + role);
            Path hba;
            try (ResultSet rs = st.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = Path.of(rs.getString(1));
            }
            Files.writeString(hba, "host all " + role + " 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
            st.execute("SELECT pg_reload_conf()");
        }
        String url = TestPostgres.jdbcUrl(database);
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(url, role, "not-" + password)) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("the server does not check " + role + "'s password");
                }
                Thread.sleep(200);
            } catch (SQLException expected) {
                return; // the new pg_hba.conf line is in force
            }
        }
    }

    private static String allPreferenceValues(Preferences node) throws Exception {
        StringBuilder all = new StringBuilder();
        for (String key : node.keys()) {
            all.append(node.get(key, "")).append('\n');
        }
        for (String child : node.childrenNames()) {
            all.append(allPreferenceValues(node.node(child)));
        }
        return all.toString();
    }
}
