package dev.pipedeck.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Long clickHousePid;
    private final int postgresPort;

    CpuMeter(BenchEnvironment env) {
        this.clickHousePid = env.clickHouse() == null ? null : env.clickHouse().pid();
        this.postgresPort = env.postgres().port();
    }

    /** CPU nanoseconds per group, now. */
    Map<String, Long> sample() {
        Map<String, Long> out = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                out.merge("jvm:" + info.getThreadName().replaceAll("[-#]?\\d+", ""), cpu, Long::sum);
            }
        }
        if (clickHousePid != null) {
            procCpu(clickHousePid).ifPresent(n -> out.put("clickhouse-server", n));
        }
        postmaster().ifPresent(pm -> pm.descendants().forEach(p -> procCpu(p.pid()).ifPresent(n -> {
            String title = cmdline(p.pid());
            out.merge(title.contains("walsender") ? "postgres:walsender" : "postgres:other", n, Long::sum);
        })));
        return out;
    }

    /** The groups' CPU seconds between two samples, largest first, at most {@code limit}. */
    static Map<String, Double> between(Map<String, Long> before, Map<String, Long> after, int limit) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1e9))
                .filter(e -> e.getValue() > 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    static String describe(Map<String, Double> split) {
        return split.entrySet().stream().map(e -> String.format("%s %.1f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private Optional<ProcessHandle> postmaster() {
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
