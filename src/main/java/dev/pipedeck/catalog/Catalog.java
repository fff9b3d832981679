package dev.pipedeck.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The catalog database: a fixed-size HikariCP pool on a {@code pipedeck} schema that Flyway keeps migrated.
 * The JDBC URL may carry {@code user} and {@code password} parameters; they are never printed.
 */
public final class Catalog implements AutoCloseable {
    public static final String SCHEMA = "pipedeck";

    private final HikariDataSource dataSource;
    private final String jdbcUrl;

    private Catalog(HikariDataSource dataSource, String jdbcUrl) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
    }

    /** Opens the pool and migrates the schema; fails at once (with a clear message) when the catalog is unreachable. */
    public static Catalog open(String jdbcUrl) {
        return open(jdbcUrl, 4, true);
    }

    /**
     * @param poolSize   fixed number of connections
     * @param failFast   false for the console, which must start even while the catalog is down and recover by itself
     */
    public static Catalog open(String jdbcUrl, int poolSize, boolean failFast) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new CatalogException("no catalog given: pass --catalog jdbc:postgresql://host:port/db or set PIPEDECK_CATALOG");
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new CatalogException("catalog URL must start with jdbc:postgresql:// (got '" + Redaction.redactUrl(jdbcUrl) + "')");
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(poolSize);
        cfg.setPoolName("pipedeck-catalog");
        cfg.setConnectionTimeout(5_000);
        cfg.setValidationTimeout(2_000);
        cfg.setInitializationFailTimeout(failFast ? 1 : -1);
        cfg.addDataSourceProperty("ApplicationName", "pipedeck");
        cfg.addDataSourceProperty("connectTimeout", "5");
        cfg.addDataSourceProperty("currentSchema", SCHEMA);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(cfg);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw CatalogException.wrap("open the catalog at " + Redaction.redactUrl(jdbcUrl), s);
            }
            throw new CatalogException("could not open the catalog at " + Redaction.redactUrl(jdbcUrl), e);
        }
        Catalog catalog = new Catalog(ds, jdbcUrl);
        if (failFast) {
            catalog.migrate();
        }
        return catalog;
    }

    /** Brings the schema up to date (idempotent; safe with several processes, Flyway takes a lock). */
    public void migrate() {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(SCHEMA)
                    .createSchemas(true)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            Throwable c = e;
            while (c.getCause() != null && !(c instanceof SQLException)) {
                c = c.getCause();
            }
            if (c instanceof SQLException s) {
                throw CatalogException.wrap("prepare the catalog schema", s);
            }
            throw new CatalogException("could not prepare the catalog schema: " + CatalogException.firstLine(e.getMessage()), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The URL this catalog was opened with (may contain a password: never print it, use {@link Redaction}). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
