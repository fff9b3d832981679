package dev.pipedeck.console.common;

import javafx.application.Platform;
import javafx.concurrent.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives {@link RefreshService} by hand: its reads run only when the test runs them (on a thread it chooses), so a
 * refresh request can be made to arrive in every state of the service — scheduled (queued, or already run off the FX
 * thread while the FX thread still says SCHEDULED), running, succeeded, failed, cancelled — and none may throw.
 */
class RefreshServiceTest {
    /** Long enough that no read in these tests comes from the period. */
    private static final Duration HOUR = Duration.ofHours(1);

    private final List<Throwable> fxErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger dataCallbacks = new AtomicInteger();
    private final AtomicInteger errorCallbacks = new AtomicInteger();
    private volatile RuntimeException failLoads;
    private volatile CountDownLatch loadGate;
    private final SteppedExecutor executor = new SteppedExecutor();
    private RefreshService service;
    private Thread.UncaughtExceptionHandler fxHandlerBefore;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void create() {
        fx(() -> {
            fxHandlerBefore = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> fxErrors.add(e));
        });
        ConsoleBackend backend = (ConsoleBackend) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ConsoleBackend.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("load")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    CountDownLatch gate = loadGate;
                    if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                    loads.incrementAndGet();
                    if (failLoads != null) {
                        throw failLoads;
                    }
                    return ConsoleData.EMPTY;
                });
        service = new RefreshService(backend, () -> null, HOUR, d -> dataCallbacks.incrementAndGet(),
                e -> errorCallbacks.incrementAndGet(), executor);
    }

    @AfterEach
    void close() {
        fx(() -> {
            service.close();
            Thread.currentThread().setUncaughtExceptionHandler(fxHandlerBefore);
        });
        assertEquals(List.of(), fxErrors, "uncaught exceptions on the FX thread");
    }

    @Test
    void requestBeforeTheFirstReadStartsOne() {
        fx(service::refreshNow);
        settle();
        assertEquals(1, readAll());
        assertAlive(1, 0);
    }

    @Test
    void requestWhileScheduledAndNotYetRunReadsOnce() {
        start();
        assertEquals(Worker.State.SCHEDULED, fx(service::getState));
        fx(service::refreshNow);
        settle();
        // the first task was cancelled before it ran: only the asked-for read happens
        assertEquals(1, readAll());
        assertAlive(1, 0);
    }

    /** The race of the issue: cancel(); reset(); start() threw IllegalStateException from reset(). */
    @Test
    void requestWhileTheReadHasFinishedOffTheFxThreadButTheFxThreadStillSaysScheduled() {
        start();
        CountDownLatch fxHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Worker.State> seen = new java.util.concurrent.atomic.AtomicReference<>();
        Platform.runLater(() -> {
            fxHeld.countDown();
            await(release);
            seen.set(service.getState());
            service.refreshNow();
        });
        await(fxHeld);
        assertEquals(1, executor.runQueued(), "the read runs while the FX thread is busy");
        release.countDown();
        settle();
        assertEquals(Worker.State.SCHEDULED, seen.get(), "the FX thread had not yet heard of the finished read");
        assertEquals(1, dataCallbacks.get(), "the finished read's answer arrived");
        assertEquals(1, readAll(), "the asked-for read follows it");
        assertAlive(2, 0);
    }

    /** The same, the other way round: the read finishes after the request, before the service acts on it. */
    @Test
    void requestWhoseReadFinishesOffTheFxThreadBeforeTheServiceActsOnIt() {
        start();
        CountDownLatch fxHeld = new CountDownLatch(1);
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Platform.runLater(() -> {
            fxHeld.countDown();
            service.refreshNow();
            asked.countDown();
            await(release);
        });
        await(fxHeld);
        await(asked);
        assertEquals(1, executor.runQueued());
        release.countDown();
        settle();
        assertEquals(1, dataCallbacks.get(), "the finished read's answer arrived");
        assertEquals(1, readAll(), "the asked-for read follows it");
        assertAlive(2, 0);
    }

    @Test
    void requestWhileRunningReadsAgainRightAfter() {
        start();
        loadGate = new CountDownLatch(1);
        Thread reader = new Thread(executor::runOne, "test-reader");
        reader.start();
        waitFor(() -> fx(service::getState) == Worker.State.RUNNING);
        fx(service::refreshNow);
        fx(service::refreshNow);
        loadGate.countDown();
        join(reader);
        loadGate = null;
        settle();
        assertEquals(1, dataCallbacks.get());
        assertEquals(1, readAll(), "one more read for both requests");
        assertAlive(2, 0);
    }

    @Test
    void requestFromInsideTheSucceededStateChange() {
        java.util.concurrent.atomic.AtomicReference<Worker.State> seen = new java.util.concurrent.atomic.AtomicReference<>();
        fx(() -> service.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
            if (seen.compareAndSet(null, service.getState())) {
                service.refreshNow();
            }
        }));
        start();
        assertEquals(2, readAll(), "the first read and the one asked for in its SUCCEEDED event");
        assertEquals(Worker.State.SUCCEEDED, seen.get());
        assertAlive(2, 0);
    }

    @Test
    void requestAfterASuccessWhileTheNextPeriodIsPending() {
        start();
        assertEquals(1, readAll());
        assertEquals(Worker.State.SCHEDULED, fx(service::getState));
        assertEquals(0, executor.queued(), "the next read waits for the period");
        fx(service::refreshNow);
        settle();
        assertEquals(1, readAll());
        assertAlive(2, 0);
    }

    @Test
    void requestFromInsideTheFailedStateChangeAndDuringTheBackOff() {
        failLoads = new IllegalStateException("could not list pipes: the catalog database is unreachable");
        java.util.concurrent.atomic.AtomicReference<Worker.State> seen = new java.util.concurrent.atomic.AtomicReference<>();
        fx(() -> service.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_FAILED, e -> {
            if (seen.compareAndSet(null, service.getState())) {
                service.refreshNow();
            }
        }));
        start();
        assertEquals(2, readAll(), "the first read and the one asked for in its FAILED event");
        assertEquals(Worker.State.FAILED, seen.get());
        assertEquals(2, errorCallbacks.get());
        assertEquals(Worker.State.SCHEDULED, fx(service::getState), "backing off, not dead");
        // a request during the back-off reads at once; the catalog is back
        failLoads = null;
        fx(service::refreshNow);
        settle();
        assertEquals(1, readAll());
        assertAlive(1, 2);
    }

    @Test
    void requestAfterTheServiceWasCancelled() {
        start();
        fx(service::cancel);
        settle();
        assertEquals(Worker.State.CANCELLED, fx(service::getState));
        assertEquals(0, readAll(), "the cancelled read does not run");
        fx(service::refreshNow);
        settle();
        assertEquals(1, readAll());
        assertAlive(1, 0);
    }

    @Test
    void requestWhileARunningReadIsCancelled() {
        start();
        loadGate = new CountDownLatch(1);
        Thread reader = new Thread(executor::runOne, "test-reader");
        reader.start();
        waitFor(() -> fx(service::getState) == Worker.State.RUNNING);
        fx(() -> {
            service.refreshNow();
            service.cancel();
        });
        loadGate.countDown();
        join(reader);
        loadGate = null;
        settle();
        assertEquals(0, dataCallbacks.get(), "a cancelled read's answer is dropped");
        assertEquals(1, readAll(), "the read asked for while it ran still happens");
        assertAlive(1, 0);
    }

    @Test
    void requestsAfterCloseDoNothing() {
        start();
        fx(service::close);
        fx(service::refreshNow);
        settle();
        assertEquals(0, executor.queued());
        assertEquals(Worker.State.CANCELLED, fx(service::getState));
    }

    @Test
    void manyRequestsInEveryStateInARow() {
        start();
        for (int i = 0; i < 50; i++) {
            failLoads = i % 3 == 0 ? new IllegalStateException("catalog down") : null;
            int step = i % 4;
            if (step == 0) {
                fx(service::refreshNow);
            } else if (step == 1) {
                // finished off the FX thread, not yet heard of: the request races it
                Platform.runLater(service::refreshNow);
                executor.runQueued();
                Platform.runLater(service::refreshNow);
            } else if (step == 2) {
                fx(() -> {
                    service.refreshNow();
                    service.refreshNow();
                });
            } else {
                executor.runQueued();
                fx(service::refreshNow);
            }
            settle();
        }
        failLoads = null;
        fx(service::refreshNow);
        settle();
        readAll();
        assertEquals(Worker.State.SCHEDULED, fx(service::getState), "still refreshing");
        assertTrue(dataCallbacks.get() >= 1);
    }

    // --- helpers ---

    private void start() {
        fx(service::start);
        settle();
    }

    /** Runs every read the service has asked for, and the reads those answers ask for; returns how many loaded. */
    private int readAll() {
        int before = loads.get();
        settle();
        while (executor.queued() > 0) {
            executor.runQueued();
            settle();
        }
        return loads.get() - before;
    }

    /** The service reads on its period again, and the callbacks counted so far are these. */
    private void assertAlive(int data, int errors) {
        assertEquals(Worker.State.SCHEDULED, fx(service::getState), "waiting for the next period");
        assertEquals(0, executor.queued());
        assertEquals(data, dataCallbacks.get(), "data callbacks");
        assertEquals(errors, errorCallbacks.get(), "error callbacks");
    }

    /** Lets the FX thread handle everything posted so far, and what that posts in turn. */
    private void settle() {
        for (int i = 0; i < 5; i++) {
            fx(() -> null);
        }
    }

    private static <T> T fx(Callable<T> c) {
        FutureTask<T> f = new FutureTask<>(c);
        Platform.runLater(f);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("threw on the FX thread", e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void fx(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    private static void await(CountDownLatch l) {
        try {
            assertTrue(l.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(!t.isAlive(), "the reader finished");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.onSpinWait();
        }
    }

    /** Holds the service's tasks until the test runs them, on the thread that calls {@link #runQueued()}. */
    static final class SteppedExecutor extends AbstractExecutorService {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private volatile boolean shutdown;

        @Override
        public synchronized void execute(Runnable command) {
            queue.add(command);
        }

        synchronized int queued() {
            return queue.size();
        }

        /** Runs the oldest queued task. */
        void runOne() {
            Runnable r = poll();
            assertTrue(r != null, "a task was queued");
            r.run();
        }

        /** Runs what is queued now; returns how many ran. */
        int runQueued() {
            int n = 0;
            Runnable r;
            while ((r = poll()) != null) {
                r.run();
                n++;
            }
            return n;
        }

        private synchronized Runnable poll() {
            return queue.poll();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public synchronized List<Runnable> shutdownNow() {
            shutdown = true;
            List<Runnable> left = List.copyOf(queue);
            queue.clear();
            return left;
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
