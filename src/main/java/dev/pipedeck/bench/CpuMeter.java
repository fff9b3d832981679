package dev.pipedeck.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the CPU time of a scenario goes: this JVM's threads (grouped by name, numbers stripped), the ClickHouse
 * server process, and the embedded Postgres processes (walsenders apart from the rest), read from /proc. A wall-clock
 * figure on a shared 2-core machine says little on its own; the CPU split says which part is the limit.
 */
final class CpuMeter {
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux
    private static final List<String> MAIN = List.of("Postgres", "JVM", "clickhouse-server");
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Long clickHousePid;
    private final int postgresPort;
    private volatile ProcessHandle postmaster;
    /** Postgres processes' groups by pid, from their titles (see {@link #postgresGroup}). */
    private final Map<Long, String> postgresGroups = new java.util.concurrent.ConcurrentHashMap<>();

    /** Processes of this JVM's children counted under a name of their own (label -> pid), not as "child:...". */
    private final Map<String, Long> named;

    CpuMeter(BenchEnvironment env) {
        this(env, Map.of());
    }

    /**
     * A meter that also counts the given child processes, each as a component of its own under its label (e.g. the
     * servers of a local cluster and its ZooKeeper, which would otherwise be a "clickhouse" child and, being a JVM,
     * part of "JVM").
     */
    CpuMeter(BenchEnvironment env, Map<String, Long> named) {
        this.clickHousePid = env.clickHouse() == null ? null : env.clickHouse().pid();
        this.postgresPort = env.postgres().port();
        this.named = new LinkedHashMap<>(named);
    }

    /** Starts recording; {@link Recording#split} gives each group's CPU seconds since. */
    Recording record() {
        return new Recording();
    }

    /**
     * Samples every 100 ms and keeps the last reading of each thread and process, so that threads and processes that
     * end before the recording does (the snapshot's copy threads, pg_recvlogical's walsender) still count.
     */
    final class Recording implements AutoCloseable {
        private final Map<String, Long> before = sample();
        private final Map<String, Long> last = new java.util.concurrent.ConcurrentHashMap<>(before);
        private final Thread sampler = new Thread(this::loop, "bench-cpu-meter");
        private volatile boolean running = true;

        private Recording() {
            sampler.setDaemon(true);
            sampler.start();
        }

        private void loop() {
            while (running) {
                last.putAll(sample());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** CPU seconds per group, largest first, at most {@code limit} groups. */
        Map<String, Double> split(int limit) {
            Map<String, Double> byGroup = new HashMap<>();
            last.forEach((k, v) -> byGroup.merge(k.substring(0, k.indexOf('#')),
                    (v - before.getOrDefault(k, 0L)) / 1e9, Double::sum));
            return byGroup.entrySet().stream().filter(e -> e.getValue() > 0.05)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(limit)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        }

        /**
         * CPU seconds of the three components a scenario's figure can be limited by — Postgres (all its processes),
         * this JVM (every thread) and clickhouse-server — plus other child processes (pg_recvlogical, a worker JVM).
         */
        Map<String, Double> components() {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("Postgres", 0.0);
            out.put("JVM", 0.0);
            out.put("clickhouse-server", 0.0);
            named.keySet().forEach(label -> out.put(label, 0.0));
            last.forEach((k, v) -> {
                String group = k.substring(0, k.indexOf('#'));
                // a worker in a child JVM (scenario 5) counts as the JVM
                String component = group.startsWith("postgres:") ? "Postgres"
                        : group.startsWith("jvm:") || group.equals("child:java") ? "JVM"
                        : group.equals("clickhouse-server") ? "clickhouse-server" : group.replace("child:", "");
                out.merge(component, (v - before.getOrDefault(k, 0L)) / 1e9, Double::sum);
            });
            return out;
        }

        /** {@code Postgres 7.4 s (51%), JVM 5.9 s (41%), clickhouse-server 1.1 s (8%)}. */
        String describeComponents() {
            Map<String, Double> c = components();
            double total = c.values().stream().mapToDouble(Double::doubleValue).sum();
            return c.entrySet().stream()
                    .filter(e -> e.getValue() > 0.05 || MAIN.contains(e.getKey()) || named.containsKey(e.getKey()))
                    .map(e -> String.format("%s %.1f s (%.0f%%)", e.getKey(), e.getValue(),
                            total > 0 ? 100 * e.getValue() / total : 0))
                    .collect(Collectors.joining(", "));
        }

        /**
         * The component split as results of a scenario: CPU seconds of Postgres, the JVM and clickhouse-server, then of
         * each named process of the meter.
         */
        List<BenchResult> componentResults(int scenario, String during) {
            Map<String, Double> c = components();
            List<BenchResult> out = new ArrayList<>(List.of(
                    BenchResult.info(scenario, "CPU " + during + ": Postgres", round1(c.get("Postgres")), "s"),
                    BenchResult.info(scenario, "CPU " + during + ": JVM", round1(c.get("JVM")), "s"),
                    BenchResult.info(scenario, "CPU " + during + ": clickhouse-server", round1(c.get("clickhouse-server")), "s")));
            named.keySet().forEach(label -> out.add(BenchResult.info(scenario, "CPU " + during + ": " + label,
                    round1(c.getOrDefault(label, 0.0)), "s")));
            return out;
        }

        private static double round1(double v) {
            return Math.round(v * 10) / 10.0;
        }

        String describe(int limit) {
            return split(limit).entrySet().stream().map(e -> String.format("%s %.1f s", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
        }

        @Override
        public void close() {
            running = false;
            sampler.interrupt();
            last.putAll(sample());
        }
    }

    /** CPU nanoseconds per {@code group#id} (thread id or process id), now. */
    private Map<String, Long> sample() {
        Map<String, Long> out = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu > 0 && !info.getThreadName().startsWith("bench-")) { // not our own samplers
                out.put("jvm:" + info.getThreadName().replaceAll("[-#]?\\d+", "") + "#" + id, cpu);
            }
        }
        if (clickHousePid != null) {
            procCpu(clickHousePid).ifPresent(n -> out.put("clickhouse-server#" + clickHousePid, n));
        }
        named.forEach((label, pid) -> procCpu(pid).ifPresent(n -> out.put(label + "#" + pid, n)));
        ProcessHandle.current().children().filter(p -> clickHousePid == null || p.pid() != clickHousePid)
                .filter(p -> !named.containsValue(p.pid()))
                .forEach(p -> procCpu(p.pid()).ifPresent(n -> out.put("child:"
                        + Path.of(p.info().command().orElse("?")).getFileName() + "#" + p.pid(), n)));
        postmaster().ifPresent(pm -> pm.descendants().forEach(p -> {
            // a process keeps the group of its title: one just forked still shows the postmaster's command line, and
            // one that has exited (a zombie) an empty one, and its last CPU reading must not count under another group
            String title = cmdline(p.pid());
            String group = title.startsWith("postgres:") ? postgresGroup(title) : postgresGroups.get(p.pid());
            if (group != null) {
                postgresGroups.put(p.pid(), group);
                procCpu(p.pid()).ifPresent(n -> out.put(group + "#" + p.pid(), n));
            }
        }));
        return out;
    }

    /**
     * A Postgres process by its title ({@code postgres: USER DB HOST(PORT) ACTIVITY} for a backend): walsenders, the
     * catalog's backends (the bench and the workers share the cluster with the sources), the sources' backends,
     * autovacuum, parallel query workers, and the rest (checkpointer, WAL writer, ...), so the catalog's share is not
     * taken for the source's.
     */
    static String postgresGroup(String title) {
        if (title.contains("walsender")) {
            return "postgres:walsender";
        }
        if (title.contains("autovacuum")) {
            return "postgres:autovacuum";
        }
        if (title.contains("parallel worker")) {
            return "postgres:parallel worker"; // of a query: the COPY baseline's (SELECT ...) runs in parallel
        }
        String[] f = title.strip().split("\\s+");
        if (f.length >= 4 && f[0].equals("postgres:") && f[3].contains("(")) {
            return f[2].equals(BenchEnvironment.CATALOG_DB) ? "postgres:catalog" : "postgres:source";
        }
        // postmaster and background processes by their name: checkpointer, walwriter, background writer, ...
        return f.length >= 2 && f[0].equals("postgres:") ? "postgres:" + f[1] : "postgres:other";
    }

    private Optional<ProcessHandle> postmaster() {
        if (postmaster == null || !postmaster.isAlive()) {
            postmaster = findPostmaster().orElse(null);
        }
        return Optional.ofNullable(postmaster);
    }

    private Optional<ProcessHandle> findPostmaster() {
        String portArg = "-p " + postgresPort;
        return ProcessHandle.allProcesses().filter(p -> {
            String cmd = cmdline(p.pid());
            return cmd.contains("postgres") && cmd.contains(portArg);
        }).findFirst();
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Optional<Long> procCpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the ")" of the command name: state is field 3, utime 14, stime 15
            List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            return Optional.of((long) ((Long.parseLong(f.get(11)) + Long.parseLong(f.get(12))) * TICK_NANOS));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
