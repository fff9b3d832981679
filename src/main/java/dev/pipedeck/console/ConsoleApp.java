package dev.pipedeck.console;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.PipedeckHome;
import dev.pipedeck.catalog.Redaction;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.console.common.ConsolePreferences;
import dev.pipedeck.demo.DemoEnvironment;
import dev.pipedeck.demo.DemoOptions;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The desktop console. {@code --demo} starts the demo environment first; otherwise {@code --catalog=URL} or
 * {@code $PIPEDECK_CATALOG} names the catalog, and without one the start screen opens (demo, connect, catalogs used
 * before). The console starts even while a given catalog is down (a banner says so and it recovers by itself) and
 * runs a worker in-process (local mode).
 */
public final class ConsoleApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);
    private static final Pattern URL_USER = Pattern.compile("[?&]user=([^&]*)");

    private Path logDir;
    private String catalogUrl;
    private String startupProblem;
    private Catalog catalog;
    private DemoEnvironment demo;
    private ConsoleShell shell;

    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }

    /** Runs on the launcher thread, before any window: the slow parts (demo database, pool) go here. */
    @Override
    public void init() {
        logDir = ConsoleLogFile.directory(PipedeckHome.dir());
        try {
            Files.createDirectories(logDir);
            ConsoleLogFile.install(logDir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("no log file in {} ({}); logging to the terminal only", logDir, e.toString());
        }
        ConsoleArgs args = ConsoleArgs.parse(getParameters().getRaw(), System.getenv("PIPEDECK_CATALOG"));
        catalogUrl = args.catalogUrl();
        if (args.demo()) {
            try {
                demo = DemoEnvironment.start(DemoOptions.defaults(System.out).withCreatedVia(Actor.Kind.CONSOLE));
                catalogUrl = demo.catalogUrl();
            } catch (RuntimeException e) {
                LOG.error("the demo environment did not start", e);
                startupProblem = "The demo did not start: " + sentence(e) + " The log has the details (Help → About).";
                return;
            }
        }
        if (catalogUrl == null) {
            return; // the start screen
        }
        try {
            catalog = Catalog.open(catalogUrl, 4, false);
            if (demo != null) {
                demo.closeFirst(catalog);
            }
        } catch (RuntimeException e) {
            LOG.error("could not open the catalog", e);
            startupProblem = "Could not open the catalog given on the command line: " + sentence(e)
                    + " Connect to another one below.";
        }
    }

    @Override
    public void start(Stage stage) {
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        SecretBox secrets;
        try {
            secrets = SecretBox.fromEnvironment();
        } catch (RuntimeException e) {
            LOG.error("no secret key", e);
            startupProblem = "The secret key could not be read: " + sentence(e) + " Saved passwords cannot be used.";
            byte[] throwaway = new byte[32];
            new SecureRandom().nextBytes(throwaway);
            secrets = new SecretBox(throwaway);
        }
        AboutDialog.Places places = new AboutDialog.Places(logDir, PipedeckHome.dir(), preferencesLocation());
        shell = new ConsoleShell(stage, new ConsoleShell.Setup(ConsolePreferences.user(), secrets,
                DemoOptions.defaults(System.out).withCreatedVia(Actor.Kind.CONSOLE), places, this::openFolder,
                true, "console-" + host()));
        if (catalog != null) {
            String name = demo != null ? "demo catalog " + ConsoleShell.demoAddress(demo) : display(catalogUrl);
            shell.showSession(new CatalogSession(catalog, name, demo));
        } else {
            if (demo != null) {
                demo.close();
                demo = null;
            }
            shell.showStart(startupProblem);
        }
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.close();
        } else if (catalog != null) {
            catalog.close();
        }
    }

    /** Opens a folder in the desktop's file manager, off the FX thread (xdg-open may take a moment). */
    private void openFolder(URI folder) {
        Thread t = new Thread(() -> {
            try {
                Files.createDirectories(Path.of(folder));
                getHostServices().showDocument(folder.toString());
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not open {}: {}", folder, e.toString());
            }
        }, "pipedeck-open-folder");
        t.setDaemon(true);
        t.start();
    }

    /** {@code user@host:port/db} of a catalog URL, without its password. */
    static String display(String jdbcUrl) {
        String where = Redaction.redactUrl(jdbcUrl).replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
        Matcher user = URL_USER.matcher(jdbcUrl);
        return user.find() ? URLDecoder.decode(user.group(1), StandardCharsets.UTF_8) + "@" + where : where;
    }

    private static String sentence(RuntimeException e) {
        String m = e.getMessage() == null ? "unexpected error" : Redaction.redactUrl(e.getMessage().lines().findFirst().orElse(""));
        m = m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
        return m.endsWith(".") ? m : m + ".";
    }

    /** Where java.util.prefs keeps the user's preferences on this system. */
    private static String preferencesLocation() {
        String os = System.getProperty("os.name", "").toLowerCase();
        if (os.contains("linux")) {
            String root = System.getProperty("java.util.prefs.userRoot", System.getProperty("user.home"));
            return Path.of(root, ".java", ".userPrefs", "dev", "pipedeck", "console").toString();
        }
        return "Java user preferences, node dev/pipedeck/console";
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "local";
        }
    }
}
