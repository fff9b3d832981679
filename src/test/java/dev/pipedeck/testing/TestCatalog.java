package dev.pipedeck.testing;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.control.PipeChecks;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.engine.SourceCleanup;

import java.nio.charset.StandardCharsets;

/** A fresh, migrated catalog database on the shared embedded Postgres, and quick ways to put pipes in it. */
public final class TestCatalog implements AutoCloseable {
    public static final String SECRET_KEY = "test-secret-key";
    public static final Actor ENGINE = Actor.of(Actor.Kind.ENGINE);

    private final String url;
    private final Catalog catalog;
    private final SecretBox secrets = new SecretBox(SECRET_KEY.getBytes(StandardCharsets.UTF_8));

    public TestCatalog(String prefix) {
        this.url = TestPostgres.jdbcUrl(TestPostgres.newDatabase(prefix)) + "?user=postgres";
        this.catalog = Catalog.open(url);
    }

    public String url() {
        return url;
    }

    public Catalog catalog() {
        return catalog;
    }

    public SecretBox secrets() {
        return secrets;
    }

    public PipeControl control() {
        return new PipeControl(catalog, secrets, PipeChecks.NONE, SourceCleanup.NONE);
    }

    /** A pipe straight into the catalog (no source needed: the checks are off). */
    public Pipe createPipe(String name) {
        return control().create(new PipeSpec(name, "jdbc:postgresql://db.example:5432/shop?user=app&password=pw",
                "duckdb:/tmp/" + name + ".duckdb", TableMapping.parseList("public.orders"), 1000,
                PipeSpec.DEFAULT_SYNC_INTERVAL, 2), Actor.of(Actor.Kind.TEST));
    }

    /** As the engine would: claim the pipe (so control requests no longer set the status) and set its status. */
    public void engineSets(Pipe p, dev.pipedeck.catalog.PipeStatus status) {
        control().repository().setOwner(p.id(), "worker-test");
        control().repository().updateStatus(p.id(), status, "set by test", ENGINE);
    }

    @Override
    public void close() {
        catalog.close();
    }
}
