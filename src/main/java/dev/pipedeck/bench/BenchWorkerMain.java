package dev.pipedeck.bench;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.engine.Worker;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The engine alone in a JVM of its own, for the memory scenario: a worker with the production defaults on the bench
 * catalog, and a sampler that prints, every 200 ms, {@code heap <peak used> <peak live after GC> <max> <GC ms>} (bytes,
 * and the collectors' total time in milliseconds).
 * Peak used is sampled every 20 ms from the heap pools; live-after-GC is each pool's usage right after its last
 * collection, which is what the engine really holds. Args: catalog URL, worker id.
 */
public final class BenchWorkerMain {
    private BenchWorkerMain() {}

    public static void main(String[] args) throws Exception {
        Catalog catalog = Catalog.open(args[0]);
        Worker worker = new Worker(catalog, new SecretBox(BenchEnvironment.SECRET.getBytes(StandardCharsets.UTF_8)), args[1]);
        worker.start();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        long peakUsed = 0;
        long peakLive = 0;
        for (int tick = 0; ; tick++) {
            long used = 0;
            long live = 0;
            for (MemoryPoolMXBean p : heap) {
                used += p.getUsage().getUsed();
                MemoryUsage after = p.getCollectionUsage();
                live += after == null ? 0 : after.getUsed();
            }
            peakUsed = Math.max(peakUsed, used);
            peakLive = Math.max(peakLive, live);
            if (tick % 10 == 0) {
                long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
                System.out.println("heap " + peakUsed + " " + peakLive + " " + max + " " + gcMillis);
                System.out.flush();
            }
            Thread.sleep(20);
        }
    }
}
