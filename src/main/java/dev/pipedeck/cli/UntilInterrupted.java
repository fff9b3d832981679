package dev.pipedeck.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Blocks the calling thread until the JVM is asked to stop (Ctrl+C, SIGTERM), running a clean-up in the shutdown
 * hook first, so long-running commands stop cleanly.
 */
final class UntilInterrupted {
    private UntilInterrupted() {}

    static void block(String name, Runnable cleanUp) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cleanUp.run();
            } finally {
                stopped.countDown();
            }
        }, name));
        stopped.await();
    }
}
