package dev.pipedeck.console;

import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.catalog.TableCounter;
import dev.pipedeck.catalog.TableCounts;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.console.common.ConsoleData;
import dev.pipedeck.console.common.PipeDetails;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Values for view-model tests. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    public static final long MB = 1024L * 1024;

    private Fixtures() {}

    public static Pipe pipe(long id, String name, PipeStatus status, DesiredState desired) {
        return new Pipe(id, name, "jdbc:postgresql://db.example.com:5432/shop?user=repl", "repl", "v1:secret",
                "clickhouse://default@ch.example.com:8123/analytics", "v1:secret2",
                List.of(new TableMapping(new TableRef("public", "orders"), "orders"),
                        new TableMapping(new TableRef("public", "customers"), "clients")),
                100_000, Duration.ofSeconds(1), 4, "pipedeck_" + name.replace('-', '_') + "_abc123", "pipedeck_" + name.replace('-', '_') + "_abc123",
                desired, status, null, NOW.minusSeconds(600), null, null, true, true,
                0x16B374D848L, status == PipeStatus.PAUSED ? 0x16B374D000L : null,
                status == PipeStatus.PAUSED ? NOW.minusSeconds(300) : null, 1_234_567, NOW.minusSeconds(2), "w1", NOW, true,
                NOW.minusSeconds(86_400), "alice@laptop (cli)");
    }

    public static Pipe pipe(String name, PipeStatus status) {
        DesiredState d = switch (status) {
            case PAUSING, PAUSED -> DesiredState.PAUSED;
            case DELETING -> DesiredState.DELETED;
            default -> DesiredState.RUNNING;
        };
        return pipe(1, name, status, d);
    }

    public static SlotSampleRow sample(long pipeId, Instant at, long retained, long backlog, Long safe, Long maxKeep) {
        return new SlotSampleRow(pipeId, at, true, false, retained, backlog, "reserved", safe, maxKeep, 0x17000000L, 0x16B374D848L, 0x16B0000000L);
    }

    public static SyncBatch batch(long id, long pipeId, Instant end, long rows) {
        return new SyncBatch(id, pipeId, SyncBatch.Kind.CDC, 0x100L * id, 0x100L * id + 0x80, end.minusMillis(400), end,
                Map.of("public.orders", new TableCounts(rows, 0, 0, 0)), null, null);
    }

    public static ConsoleData data(Pipe selected, SlotSampleRow sample, List<Pipe> others) {
        List<Pipe> all = new java.util.ArrayList<>(others);
        all.add(0, selected);
        PipeDetails d = new PipeDetails(selected, List.of(batch(2, selected.id(), NOW.minusSeconds(5), 100), batch(1, selected.id(), NOW.minusSeconds(65), 50)),
                List.of(batch(1, selected.id(), NOW.minusSeconds(65), 50), batch(2, selected.id(), NOW.minusSeconds(5), 100)),
                List.of(new TableCounter("public.orders", "orders", new TableCounts(10, 5, 1, 1000), 1000, true),
                        new TableCounter("public.customers", "clients", new TableCounts(3, 0, 0, 250), 1000, false)),
                sample == null ? List.of() : List.of(sample));
        return new ConsoleData(NOW, all, sample == null ? Map.of() : Map.of(selected.id(), sample), d);
    }
}
