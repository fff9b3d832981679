package dev.pipedeck.console.ui;

import dev.pipedeck.engine.SourceCleanup;
import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.PauseGuard;
import dev.pipedeck.catalog.PauseGuardRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.catalog.WalForecast;
import dev.pipedeck.console.common.CatalogBackend;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.engine.DefaultConnectors;
import dev.pipedeck.engine.EngineOptions;
import dev.pipedeck.engine.Worker;
import dev.pipedeck.testing.TestPostgres;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Pause dialog's forecast and guard options, and Verify on the Metrics tab, on the real window. */
class GuardAndVerifyWindowTest extends WindowTestBase {
    private static final long MB = CatalogFixture.MB;
    private CatalogFixture catalog;

    @AfterEach
    void closeCatalog() {
        if (catalog != null) {
            catalog.close();
        }
    }

    @Test
    void pauseDialogShowsTheForecastAndStoresTheChosenGuard() {
        catalog = new CatalogFixture("console_guard");
        Pipe p = catalog.runningPipe("shop-demo", 340 * MB);
        // 12 MB/min against 2400 MB of safe_wal_size
        catalog.metrics.recordSlotSample(new SlotSampleRow(p.id(), Instant.now().plusMillis(5), true, true, 340 * MB, 12 * MB,
                "reserved", 2400 * MB, 4096 * MB, 0x3000000L, 0x2F00000L, 0x2000000L)
                .withFigures(0.4, WalForecast.of(12.0 * MB / 60, 2400 * MB), null));
        open(new CatalogBackend(catalog.catalog), Duration.ofSeconds(2));
        clickPipe("shop-demo");
        clickTab("Settings");
        waitUntil(5, () -> "Running".equals(text("#settingsStatus")));
        clickOn("#pauseButton");
        assertEquals("Pause pipe shop-demo?", dialogHeader());
        assertTrue(dialogText().contains("Forecast: at the current rate (12 MB/min) the slot is lost in about 3 h 20 min."), dialogText());
        @SuppressWarnings("unchecked")
        ComboBox<Duration> pauseFor = lookup("#pauseForChoice").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<Duration> resumeBelow = lookup("#resumeBelowChoice").queryAs(ComboBox.class);
        assertEquals(null, pauseFor.getValue(), "no guard unless chosen");
        assertEquals("never", pauseFor.getConverter().toString(pauseFor.getValue()));
        clickOn("#pauseForChoice");
        // both lists hold "30 min": pick by value, on the dialog's own controls
        interact(() -> {
            pauseFor.hide();
            pauseFor.getSelectionModel().select(Duration.ofHours(2));
            resumeBelow.getSelectionModel().select(Duration.ofMinutes(30));
        });
        assertEquals("2 h", pauseFor.getConverter().toString(pauseFor.getValue()));
        Instant chosenAt = Instant.now();
        clickOn(dialogButton("Pause"));
        PauseGuardRepository guards = new PauseGuardRepository(catalog.catalog.dataSource());
        // the request sets the desired state, then the guard
        waitUntil(5, () -> guards.find(p.id()).isPresent());
        assertEquals(DesiredState.PAUSED, catalog.pipe("shop-demo").desiredState());
        PauseGuard g = guards.find(p.id()).orElseThrow();
        assertEquals(Duration.ofMinutes(30), g.resumeBelow());
        long inSeconds = Duration.between(chosenAt, g.resumeAt()).toSeconds();
        assertTrue(Math.abs(inSeconds - 7200) < 60, "resumes in about 2 h: " + g.resumeAt());
        assertTrue(g.setBy().contains("console"), g.setBy());
    }

    /** Fires the real button (TestFX's clickOn finds it outside its scene-bounds check in this headless layout). */
    private void pressVerify() {
        waitUntil(5, () -> !lookup("#verifyButton").queryButton().isDisabled());
        interact(() -> lookup("#verifyButton").queryButton().fire());
    }

    @Test
    void verifyOnMetricsShowsTheResult(@TempDir Path dir) throws Exception {
        catalog = new CatalogFixture("console_verify");
        String src = TestPostgres.newDatabase("console_verify_src");
        try (Connection c = TestPostgres.connect(src); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric(10,2), note text)");
            st.execute("INSERT INTO orders SELECT g, g * 2.5, 'n' || g FROM generate_series(1, 400) g");
        }
        SecretBox secrets = SecretBox.fromEnvironment(); // what the console's backend opens passwords with
        PipeControl control = new PipeControl(catalog.catalog, secrets, PipeChecks.NONE, SourceCleanup.NONE);
        Path file = dir.resolve("v.duckdb");
        control.create(new PipeSpec("verify-me", TestPostgres.jdbcUrl(src) + "?user=postgres", "duckdb:" + file,
                TableMapping.parseList("public.orders"), 1_000, Duration.ofMillis(100), 2), Actor.of(Actor.Kind.TEST));
        try (Worker w = new Worker(catalog.catalog, secrets, "w-ui", DefaultConnectors.create(),
                new EngineOptions(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(2), 4, Duration.ofSeconds(1)))) {
            w.start();
            waitUntil(60, () -> catalog.pipe("verify-me").rowsSynced() >= 400);
            control.pause("verify-me", Actor.of(Actor.Kind.TEST));
            waitUntil(60, () -> catalog.pipe("verify-me").status() == PipeStatus.PAUSED);
        }
        open(new CatalogBackend(catalog.catalog), Duration.ofSeconds(2));
        clickPipe("verify-me");
        clickTab("Metrics");
        waitUntil(10, () -> "Paused".equals(text("#metricsStatus")));
        pressVerify();
        waitUntil(60, () -> text("#verifyResultLabel").startsWith("All rows match."));
        assertTrue(text("#verifyResultLabel").contains("public.orders → orders: 400 rows compared, all match"), text("#verifyResultLabel"));

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            st.execute("UPDATE orders SET note = 'changed by hand' WHERE id = 123");
        }
        pressVerify();
        waitUntil(60, () -> text("#verifyResultLabel").startsWith("The destination differs from the source."));
        assertTrue(text("#verifyResultLabel").contains("1 differing (e.g. key 123)"), text("#verifyResultLabel"));
        assertTrue(lookup("#verifyResultLabel").query().getStyleClass().contains("error-text"));
    }
}
