package dev.pipedeck.cli;

import dev.pipedeck.testing.TestCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

import java.util.Map;

/**
 * CLI tests against a real catalog of their own (a fresh database per test class): {@link #run} runs the CLI in
 * process with the catalog and the secret key in its environment. A subclass's own {@code @BeforeAll} runs after
 * this one's, so it finds {@link #db} open.
 */
abstract class CatalogCliTest {
    static TestCatalog db;
    static Map<String, String> env;

    @BeforeAll
    static void openCatalog(TestInfo info) {
        String name = info.getTestClass().map(Class::getSimpleName).orElse("cli");
        db = new TestCatalog("cli_" + name.replace("Test", "").toLowerCase());
        env = Map.of("PIPEDECK_CATALOG", db.url(), "PIPEDECK_SECRET_KEY", TestCatalog.SECRET_KEY);
    }

    @AfterAll
    static void closeCatalog() {
        db.close();
    }

    static CliRun run(String... args) {
        return CliRun.of(env, args);
    }
}
