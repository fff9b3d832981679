package dev.pipedeck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a run measured: CPUs, memory and CPU model (from /proc on Linux), and the JVM. */
public record Machine(int cpus, long memoryBytes, String cpuModel, String jvm) {
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemTotal(), readCpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private static long readMemTotal() {
        return procLine("/proc/meminfo", "MemTotal:")
                .map(v -> Long.parseLong(v.replace("kB", "").strip()) * 1024).orElse(-1L);
    }

    private static String readCpuModel() {
        return procLine("/proc/cpuinfo", "model name").map(v -> v.replaceFirst("^\\s*:\\s*", "")).orElse("unknown");
    }

    private static java.util.Optional<String> procLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .map(l -> l.substring(prefix.length()).strip());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    public String describe() {
        return String.format("%d CPUs, %.1f GiB, %s, %s", cpus, memoryBytes / (1024.0 * 1024 * 1024), cpuModel, jvm);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", cpus);
        m.put("memoryBytes", memoryBytes);
        m.put("cpuModel", cpuModel);
        m.put("jvm", jvm);
        return m;
    }
}
