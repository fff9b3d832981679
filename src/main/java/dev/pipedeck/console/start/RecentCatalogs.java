package dev.pipedeck.console.start;

import dev.pipedeck.catalog.SecretBox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The catalogs used before, most recent first, in the user's own preferences (not in any catalog). Passwords are
 * stored encrypted with the user's secret key ({@link SecretBox}: {@code PIPEDECK_SECRET_KEY} or
 * {@code ~/.pipedeck/secret.key}), never in clear. At most {@link #MAX} are kept.
 */
public final class RecentCatalogs {
    public static final int MAX = 10;
    private static final String HOST = "host";
    private static final String PORT = "port";
    private static final String DATABASE = "database";
    private static final String USER = "user";
    private static final String PASSWORD = "password";
    private static final String LAST_USED = "lastUsedMillis";

    private final Preferences node;
    private final SecretBox secrets;
    private final Clock clock;

    public RecentCatalogs(Preferences node, SecretBox secrets, Clock clock) {
        this.node = node;
        this.secrets = secrets;
        this.clock = clock;
    }

    public RecentCatalogs(Preferences node, SecretBox secrets) {
        this(node, secrets, Clock.systemUTC());
    }

    /** Most recently used first. */
    public List<RememberedCatalog> list() {
        List<RememberedCatalog> out = new ArrayList<>();
        for (String child : children()) {
            Preferences p = node.node(child);
            String host = p.get(HOST, null);
            String database = p.get(DATABASE, null);
            String user = p.get(USER, null);
            if (host == null || database == null || user == null) {
                continue;
            }
            out.add(new RememberedCatalog(new CatalogAddress(host, p.getInt(PORT, CatalogAddress.DEFAULT_PORT), database, user),
                    p.get(PASSWORD, null), Instant.ofEpochMilli(p.getLong(LAST_USED, 0))));
        }
        out.sort(Comparator.comparing(RememberedCatalog::lastUsed).reversed());
        return out;
    }

    /** Records a successful connection (now), keeping the password encrypted; forgets the oldest beyond {@link #MAX}. */
    public void remember(CatalogAddress address, String password) {
        Preferences p = node.node(key(address));
        p.put(HOST, address.host());
        p.putInt(PORT, address.port());
        p.put(DATABASE, address.database());
        p.put(USER, address.user());
        if (password == null || password.isEmpty()) {
            p.remove(PASSWORD);
        } else {
            p.put(PASSWORD, secrets.encrypt(password));
        }
        p.putLong(LAST_USED, clock.millis());
        List<RememberedCatalog> all = list();
        for (RememberedCatalog old : all.subList(Math.min(MAX, all.size()), all.size())) {
            forget(old.address());
        }
        flush();
    }

    public void forget(CatalogAddress address) {
        try {
            node.node(key(address)).removeNode();
            flush();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("could not forget a remembered catalog: " + e.getMessage(), e);
        }
    }

    /**
     * The remembered password in clear, for connecting; null when none was saved.
     *
     * @throws dev.pipedeck.catalog.CatalogException when it was saved with another secret key
     */
    public String password(RememberedCatalog catalog) {
        return catalog.encryptedPassword() == null ? null : secrets.decrypt(catalog.encryptedPassword());
    }

    private String[] children() {
        try {
            return node.childrenNames();
        } catch (BackingStoreException e) {
            return new String[0];
        }
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // java.util.prefs retries on its own timer and at exit; the list is a convenience
        }
    }

    /** A node name per address (node names are limited to 80 characters and may not contain '/'). */
    private static String key(CatalogAddress a) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(a.display().getBytes(StandardCharsets.UTF_8));
            return "c" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
