package dev.pipedeck.engine.metrics;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.MetricsRepository;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeRepository;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.SyncBatch;
import dev.pipedeck.catalog.TableCounter;
import dev.pipedeck.engine.RunCounters;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The figures of the pipes a worker runs, read from the catalog at scrape time (the same figures the console and
 * {@code pipe status} show), in Prometheus naming: {@code pipedeck_*}, counters end in {@code _total}, units in the
 * name ({@code _bytes}, {@code _seconds}), labels {@code pipe} and {@code table}.
 */
public final class PipeMetrics implements MultiCollector {
    /** The wal_status values Postgres reports. */
    static final List<String> WAL_STATUSES = List.of("reserved", "extended", "unreserved", "lost");
    private static final Logger LOG = LoggerFactory.getLogger(PipeMetrics.class);

    private final PipeRepository pipes;
    private final MetricsRepository metrics;
    private final Supplier<Set<Long>> pipeIds;
    private final Function<Long, RunCounters> counters;

    /**
     * @param pipeIds  the pipes to export (a worker's own: with several workers, each pipe is exported once)
     * @param counters failure counters of a pipe, or null when not known here
     */
    public PipeMetrics(Catalog catalog, Supplier<Set<Long>> pipeIds, Function<Long, RunCounters> counters) {
        this.pipes = new PipeRepository(catalog.dataSource());
        this.metrics = new MetricsRepository(catalog.dataSource());
        this.pipeIds = pipeIds;
        this.counters = counters;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        try {
            collect(out);
            out.add(gauge("pipedeck_catalog_up", "1 when the catalog could be read for this scrape.", List.of(point(Labels.EMPTY, 1))));
        } catch (RuntimeException e) {
            LOG.warn("could not read the catalog for /metrics: {}", e.getMessage());
            out.clear();
            out.add(gauge("pipedeck_catalog_up", "1 when the catalog could be read for this scrape.", List.of(point(Labels.EMPTY, 0))));
        }
        return new MetricSnapshots(out);
    }

    private void collect(List<MetricSnapshot> out) {
        Set<Long> ids = pipeIds.get();
        List<Pipe> list = pipes.list().stream().filter(p -> ids.contains(p.id())).toList();
        Map<Long, SlotSampleRow> samples = metrics.latestSlotSamples();
        Map<String, List<GaugeSnapshot.GaugeDataPointSnapshot>> g = new LinkedHashMap<>();
        Map<String, List<CounterSnapshot.CounterDataPointSnapshot>> c = new LinkedHashMap<>();
        for (Pipe p : list) {
            Labels pipe = Labels.of("pipe", p.name());
            for (PipeStatus s : PipeStatus.values()) {
                add(g, "pipedeck_pipe_status", point(pipe.add("status", s.name()), p.status() == s ? 1 : 0));
            }
            add(g, "pipedeck_pipe_paused", point(pipe, p.status() == PipeStatus.PAUSED ? 1 : 0));
            add(c, "pipedeck_rows_synced", counter(pipe, p.rowsSynced()));
            for (TableCounter t : metrics.tableCounters(p.id())) {
                Labels table = pipe.add("table", t.sourceTable());
                add(c, "pipedeck_table_rows", counter(table.add("kind", "snapshot"), t.counts().snapshotRows()));
                add(c, "pipedeck_table_rows", counter(table.add("kind", "insert"), t.counts().inserts()));
                add(c, "pipedeck_table_rows", counter(table.add("kind", "update"), t.counts().updates()));
                add(c, "pipedeck_table_rows", counter(table.add("kind", "delete"), t.counts().deletes()));
            }
            for (Map.Entry<SyncBatch.Kind, Long> b : metrics.batchCounts(p.id()).entrySet()) {
                add(c, "pipedeck_batches", counter(pipe.add("kind", b.getKey().name().toLowerCase()), b.getValue()));
            }
            RunCounters rc = counters.apply(p.id());
            if (rc != null) {
                add(c, "pipedeck_errors", counter(pipe, rc.errors()));
                add(c, "pipedeck_retries", counter(pipe, rc.retries()));
            }
            SlotSampleRow s = samples.get(p.id());
            if (s == null) {
                continue;
            }
            add(g, "pipedeck_slot_exists", point(pipe, s.slotExists() ? 1 : 0));
            addIf(g, "pipedeck_lag_seconds", pipe, s.lagSeconds());
            addIf(g, "pipedeck_lag_bytes", pipe, s.backlogBytes());
            addIf(g, "pipedeck_slot_retained_wal_bytes", pipe, s.retainedWalBytes());
            addIf(g, "pipedeck_slot_safe_wal_size_bytes", pipe, s.safeWalSizeBytes());
            addIf(g, "pipedeck_source_wal_write_rate_bytes_per_second", pipe, s.walRateBytesPerSecond());
            addIf(g, "pipedeck_slot_wal_budget_bytes", pipe, s.walBudgetBytes());
            addIf(g, "pipedeck_slot_forecast_seconds", pipe, s.forecastSeconds());
            if (s.walStatus() != null) {
                for (String w : WAL_STATUSES) {
                    add(g, "pipedeck_slot_wal_status", point(pipe.add("wal_status", w), w.equals(s.walStatus()) ? 1 : 0));
                }
            }
            add(g, "pipedeck_slot_sample_timestamp_seconds", point(pipe, s.at().toEpochMilli() / 1000.0));
        }
        add(g, "pipedeck_pipes", point(Labels.EMPTY, list.size()));
        g.forEach((name, points) -> out.add(gauge(name, HELP.get(name), points)));
        c.forEach((name, points) -> {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(HELP.get(name));
            points.forEach(b::dataPoint);
            out.add(b.build());
        });
    }

    static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("pipedeck_pipe_status", "1 for the pipe's current status, 0 for the others."),
            Map.entry("pipedeck_pipe_paused", "1 while the pipe is paused."),
            Map.entry("pipedeck_rows_synced", "Rows written to the destination (snapshot and changes)."),
            Map.entry("pipedeck_table_rows", "Rows written per source table, by kind (snapshot, insert, update, delete)."),
            Map.entry("pipedeck_batches", "Batches recorded, by kind (snapshot, cdc)."),
            Map.entry("pipedeck_errors", "Permanent failures of the pipe seen by this worker (the pipe went to FAILED)."),
            Map.entry("pipedeck_retries", "Transient failures retried with back-off by this worker."),
            Map.entry("pipedeck_slot_exists", "1 when the pipe's replication slot exists on the source."),
            Map.entry("pipedeck_lag_seconds", "How far the destination is behind the source, in seconds."),
            Map.entry("pipedeck_lag_bytes", "WAL the slot's consumer has not confirmed yet (current - confirmed_flush_lsn)."),
            Map.entry("pipedeck_slot_retained_wal_bytes", "WAL the source keeps for the slot (current - restart_lsn)."),
            Map.entry("pipedeck_slot_safe_wal_size_bytes", "safe_wal_size of the slot: WAL that may still be written before it is in danger (absent when unlimited)."),
            Map.entry("pipedeck_source_wal_write_rate_bytes_per_second", "The source server's WAL write rate: what a held slot grows by."),
            Map.entry("pipedeck_slot_wal_budget_bytes", "WAL the slot may still retain before the source invalidates it (absent without a limit)."),
            Map.entry("pipedeck_slot_forecast_seconds", "Time until the slot is lost if it stays held at the current WAL rate (absent without a limit)."),
            Map.entry("pipedeck_slot_wal_status", "1 for the slot's current wal_status, 0 for the others."),
            Map.entry("pipedeck_slot_sample_timestamp_seconds", "When the slot figures were sampled (Unix time)."),
            Map.entry("pipedeck_pipes", "Pipes this worker runs."));

    private static void add(Map<String, List<GaugeSnapshot.GaugeDataPointSnapshot>> m, String name, GaugeSnapshot.GaugeDataPointSnapshot p) {
        m.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
    }

    private static void add(Map<String, List<CounterSnapshot.CounterDataPointSnapshot>> m, String name,
                            CounterSnapshot.CounterDataPointSnapshot p) {
        m.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
    }

    private static void addIf(Map<String, List<GaugeSnapshot.GaugeDataPointSnapshot>> m, String name, Labels l, Number v) {
        if (v != null) {
            add(m, name, point(l, v.doubleValue()));
        }
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels l, double v) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(l).value(v).build();
    }

    private static CounterSnapshot.CounterDataPointSnapshot counter(Labels l, double v) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(l).value(v).build();
    }

    private static GaugeSnapshot gauge(String name, String help, List<GaugeSnapshot.GaugeDataPointSnapshot> points) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        points.forEach(b::dataPoint);
        return b.build();
    }
}
