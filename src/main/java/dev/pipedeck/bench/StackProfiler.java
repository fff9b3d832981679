package dev.pipedeck.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A poor man's sampling profiler for the engine's threads: every 10 ms it takes the stacks of the threads whose name
 * matches, and files each sample under the innermost PipeDeck class on the stack, marked "(waiting)" when the thread
 * is blocked, parked, sleeping or in a socket read. The shares say where a pipe's wall time goes: reading the stream,
 * decoding, encoding, the destination's HTTP round trip, recording in the catalog.
 */
final class StackProfiler implements AutoCloseable {
    private static final String OURS = "dev.pipedeck.";
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Predicate<String> threadName;
    private final Map<String, AtomicInteger> samples = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile boolean active = true;

    StackProfiler(Predicate<String> threadName) {
        this.threadName = threadName;
        this.sampler = new Thread(this::loop, "bench-profiler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void loop() {
        while (running) {
            long[] ids = Arrays.stream(threads.getAllThreadIds()).toArray();
            for (ThreadInfo info : threads.getThreadInfo(ids, 80)) {
                if (info != null && active && threadName.test(info.getThreadName())) {
                    samples.computeIfAbsent(classify(info), k -> new AtomicInteger()).incrementAndGet();
                    total.incrementAndGet();
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sampling on or off, to profile only some windows of a run (e.g. from a pause request to PAUSED). */
    void active(boolean on) {
        this.active = on;
    }

    static String classify(ThreadInfo info) {
        StackTraceElement[] stack = info.getStackTrace();
        String where = "other";
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith(OURS)) {
                String cls = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1);
                where = cls.replaceAll("\\$.*", "") + "." + f.getMethodName().replaceAll("^lambda\\$(\\w+)\\$.*", "$1");
                break;
            }
        }
        return waiting(info, stack) ? where + " (waiting)" : where;
    }

    private static boolean waiting(ThreadInfo info, StackTraceElement[] stack) {
        if (info.getThreadState() != Thread.State.RUNNABLE) {
            return true;
        }
        if (stack.length == 0) {
            return false;
        }
        String top = stack[0].getClassName() + "." + stack[0].getMethodName();
        return top.startsWith("sun.nio.ch.") || top.contains("socketRead") || top.endsWith(".read0")
                || top.endsWith(".poll") || top.endsWith(".park");
    }

    /** The largest shares of all samples, in percent. */
    Map<String, Double> shares(int limit) {
        double n = Math.max(1, total.get());
        return samples.entrySet().stream()
                .sorted(Map.Entry.<String, AtomicInteger>comparingByValue((a, b) -> b.get() - a.get())).limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> 100 * e.getValue().get() / n, (a, b) -> a,
                        LinkedHashMap::new));
    }

    String describe(int limit) {
        return shares(limit).entrySet().stream().map(e -> String.format("%s %.0f%%", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
