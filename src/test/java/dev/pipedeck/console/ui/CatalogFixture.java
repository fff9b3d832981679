package dev.pipedeck.console.ui;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.NewPipe;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.catalog.TableCounts;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.PipeControl;
import dev.pipedeck.testing.TestPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A real catalog (embedded Postgres) with engine-owned pipes, for the window tests. */
final class CatalogFixture implements AutoCloseable {
    static final long MB = 1024L * 1024;
    final String database;
    final String url;
    final Catalog catalog;
    final PipeRepository pipes;
    final MetricsRepository metrics;

    CatalogFixture(String prefix) {
        database = TestPostgres.newDatabase(prefix);
        url = TestPostgres.jdbcUrl(database) + "?user=postgres";
        catalog = Catalog.open(url);
        pipes = new PipeRepository(catalog.dataSource());
        metrics = new MetricsRepository(catalog.dataSource());
    }

    /** A running pipe that a (test) engine owns, with a slot sample and a few batches. */
    Pipe runningPipe(String name, long retainedBytes) {
        String slot = PipeControl.slotName(name);
        Pipe p = pipes.insert(new NewPipe(name, "jdbc:postgresql://db.internal:5432/shop?user=replicator", "replicator", null,
                "clickhouse://default@clickhouse.internal:8123/analytics", null,
                List.of(new TableMapping(new TableRef("public", "orders"), "orders"),
                        new TableMapping(new TableRef("public", "customers"), "customers")),
                10_000, Duration.ofSeconds(1), 4, slot, slot, "alice@laptop (cli)"), Actor.of(Actor.Kind.TEST));
        pipes.setOwner(p.id(), "test-worker");
        pipes.updateStatus(p.id(), PipeStatus.RUNNING, "streaming", Actor.of(Actor.Kind.ENGINE));
        Instant now = Instant.now();
        metrics.recordSlotSample(new SlotSampleRow(p.id(), now, true, true, retainedBytes, 12 * MB, "reserved",
                1700 * MB, 2048 * MB, 0x3000000L, 0x2F00000L, 0x2000000L));
        for (int i = 0; i < 3; i++) {
            Instant end = now.minusSeconds(60L * (3 - i));
            metrics.recordBatch(new SyncBatch(0, p.id(), SyncBatch.Kind.CDC, 0x2000000L + i * 0x1000L, 0x2000FFFL + i * 0x1000L,
                    end.minusMillis(300), end, Map.of("public.orders", new TableCounts(100 + i, 10, 1, 0)), 0x2000F00L + i * 0x1000L, end));
        }
        return pipes.find(name).orElseThrow();
    }

    Pipe pipe(String name) {
        return pipes.find(name).orElseThrow();
    }

    /** Puts a pipe in a state directly (no audit), as if it had always been so. */
    void force(String name, PipeStatus status, String desired) {
        sql("UPDATE pipe SET status = '" + status.name() + "', desired_state = '" + desired + "' WHERE name = '" + name + "'");
    }

    void sql(String statement) {
        try (Connection c = TestPostgres.connect(database); Statement st = c.createStatement()) {
            st.execute("SET search_path = pipedeck");
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<dev.pipedeck.catalog.AuditEvent> catalogAudit(String pipe, String action) {
        return pipes.audit(pipe, 100).stream().filter(e -> e.action().equals(action)).toList();
    }

    @Override
    public void close() {
        catalog.close();
    }
}
