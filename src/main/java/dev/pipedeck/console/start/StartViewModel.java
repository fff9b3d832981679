package dev.pipedeck.console.start;

import dev.pipedeck.console.common.PipeDisplay;
import dev.pipedeck.console.common.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start screen: open the demo, connect to a catalog (host, port, database, user, password, Test), or pick one of
 * the catalogs used before. The slow parts run through the {@link TaskRunner}; the view binds to the properties.
 */
public final class StartViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(StartViewModel.class);

    private final CatalogOpener opener;
    private final RecentCatalogs recents;
    private final TaskRunner runner;

    private final StringProperty host = new SimpleStringProperty("localhost");
    private final StringProperty port = new SimpleStringProperty(String.valueOf(CatalogAddress.DEFAULT_PORT));
    private final StringProperty database = new SimpleStringProperty("pipedeck");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<RememberedCatalog> recent = FXCollections.observableArrayList();
    private final BooleanBinding canConnect;

    public StartViewModel(CatalogOpener opener, RecentCatalogs recents, TaskRunner runner) {
        this.opener = opener;
        this.recents = recents;
        this.runner = runner;
        canConnect = Bindings.createBooleanBinding(() -> !busy.get() && !host.get().isBlank() && !database.get().isBlank()
                && !user.get().isBlank(), busy, host, database, user);
        recent.setAll(recents.list());
    }

    /** A problem shown before anything was tried, e.g. why the catalog given on the command line did not open. */
    public void showProblem(String sentence) {
        error(sentence);
    }

    public void openDemo() {
        busy.set(true);
        info("Starting the demo: an embedded Postgres with the shop database, a live workload and a DuckDB file. "
                + "The first start takes a minute…");
        runner.run(opener::openDemo, show -> {
            busy.set(false);
            info("");
            show.run();
        }, e -> {
            busy.set(false);
            LOG.error("the demo did not start", e);
            error("The demo did not start: " + PipeDisplay.sentence(e) + " The log has the details (Help → About).");
        });
    }

    public void test() {
        CatalogAddress address = address();
        if (address == null) {
            return;
        }
        String url = address.jdbcUrl(password.get());
        busy.set(true);
        info("Connecting to " + address.display() + "…");
        runner.run(() -> opener.test(url), description -> {
            busy.set(false);
            info("Connected: " + description);
        }, e -> {
            busy.set(false);
            LOG.warn("catalog test failed for {}", address.display(), e);
            error("Could not connect to " + address.display() + ". " + PipeDisplay.sentence(e));
        });
    }

    public void connect() {
        CatalogAddress address = address();
        if (address != null) {
            connect(address, password.get());
        }
    }

    /** Fills the form from a catalog used before (with its remembered password). */
    public void choose(RememberedCatalog catalog) {
        if (catalog == null) {
            return;
        }
        CatalogAddress a = catalog.address();
        host.set(a.host());
        port.set(String.valueOf(a.port()));
        database.set(a.database());
        user.set(a.user());
        try {
            String saved = recents.password(catalog);
            password.set(saved == null ? "" : saved);
            info("");
        } catch (RuntimeException e) {
            password.set("");
            error("The saved password for " + a.display() + " cannot be read with this computer's secret key. Type it again.");
        }
    }

    /** Connects to a catalog used before. */
    public void connectRecent(RememberedCatalog catalog) {
        choose(catalog);
        if (!messageIsError.get()) {
            connect();
        }
    }

    public void forget(RememberedCatalog catalog) {
        recents.forget(catalog.address());
        recent.setAll(recents.list());
    }

    private void connect(CatalogAddress address, String pw) {
        String url = address.jdbcUrl(pw);
        busy.set(true);
        info("Connecting to " + address.display() + "…");
        runner.run(() -> {
            opener.test(url); // the clear sentence for a wrong password or host comes from here
            return opener.open(url, address.display());
        }, show -> {
            busy.set(false);
            info("");
            try {
                recents.remember(address, pw);
                recent.setAll(recents.list());
            } catch (RuntimeException e) {
                LOG.warn("could not remember the catalog {}: {}", address.display(), e.toString());
            }
            show.run();
        }, e -> {
            busy.set(false);
            LOG.warn("could not connect to catalog {}", address.display(), e);
            error("Could not connect to " + address.display() + ". " + PipeDisplay.sentence(e));
        });
    }

    /** The form as an address, or null after saying what to fix. */
    private CatalogAddress address() {
        String h = host.get().strip();
        String d = database.get().strip();
        String u = user.get().strip();
        if (h.isEmpty()) {
            error("Enter the catalog server's host name, e.g. localhost or db.internal.");
            return null;
        }
        int p;
        try {
            p = Integer.parseInt(port.get().strip());
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            error("The port must be a number from 1 to 65535 (Postgres listens on 5432 unless told otherwise).");
            return null;
        }
        if (d.isEmpty()) {
            error("Enter the name of the database that holds (or will hold) the catalog, e.g. pipedeck.");
            return null;
        }
        if (u.isEmpty()) {
            error("Enter the user to log in as.");
            return null;
        }
        return new CatalogAddress(h, p, d, u);
    }

    private void info(String text) {
        messageIsError.set(false);
        message.set(text);
    }

    private void error(String text) {
        messageIsError.set(true);
        message.set(text);
    }

    public StringProperty hostProperty() { return host; }
    public StringProperty portProperty() { return port; }
    public StringProperty databaseProperty() { return database; }
    public StringProperty userProperty() { return user; }
    public StringProperty passwordProperty() { return password; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty messageIsErrorProperty() { return messageIsError.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ObservableList<RememberedCatalog> recent() { return recent; }
    public BooleanBinding canConnectBinding() { return canConnect; }
}
