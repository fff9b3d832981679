package dev.pipedeck.engine;

import dev.pipedeck.catalog.Catalog;
import dev.pipedeck.catalog.SecretBox;

import java.nio.charset.StandardCharsets;

/** A worker in a process of its own, for tests that kill it with SIGKILL. Args: catalog URL, worker id. */
public final class WorkerProcessMain {
    private WorkerProcessMain() {}

    public static void main(String[] args) throws Exception {
        Catalog catalog = Catalog.open(args[0]);
        Worker w = new Worker(catalog, new SecretBox("engine-test-key".getBytes(StandardCharsets.UTF_8)), args[1],
                DefaultConnectors.create(), EngineFixture.fastOptions());
        w.start();
        System.out.println("worker " + args[1] + " started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static Process spawn(String catalogUrl, String id, java.nio.file.Path log) throws java.io.IOException {
        return spawn(catalogUrl, id, log, "WARN");
    }

    /** With the engine's log at {@code level} (INFO: claims, destination opened, stream started, with times). */
    static Process spawn(String catalogUrl, String id, java.nio.file.Path log, String level) throws java.io.IOException {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx512m", "-Dpipedeck.log.level=" + level, "-cp", System.getProperty("java.class.path"),
                WorkerProcessMain.class.getName(), catalogUrl, id);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }
}
