package dev.pipedeck.console.common;

import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The console's one periodic refresh (after Cryptomator's VaultStats): reads a {@link ConsoleData} off the FX thread
 * every period (5 s by default) on an executor of its own, backs off exponentially while the catalog fails, and hands
 * results over in {@link #succeeded()} / {@link #failed()}, which run on the FX thread.
 */
public final class RefreshService extends ScheduledService<ConsoleData> implements AutoCloseable {
    public static final java.time.Duration DEFAULT_PERIOD = java.time.Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(RefreshService.class);

    private final ConsoleBackend backend;
    private final Supplier<String> selectedPipe;
    private final Consumer<ConsoleData> onData;
    private final Consumer<Throwable> onError;
    private final ExecutorService executor;
    private boolean refreshAgain;
    private volatile boolean closed;

    /**
     * @param selectedPipe read on the FX thread when a refresh starts (the open pipe's name, or null)
     */
    public RefreshService(ConsoleBackend backend, Supplier<String> selectedPipe, java.time.Duration period,
                          Consumer<ConsoleData> onData, Consumer<Throwable> onError) {
        this.backend = backend;
        this.selectedPipe = selectedPipe;
        this.onData = onData;
        this.onError = onError;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pipedeck-console-refresh");
            t.setDaemon(true);
            return t;
        });
        setExecutor(executor);
        setDelay(Duration.ZERO);
        setPeriod(Duration.millis(period.toMillis()));
        setBackoffStrategy(ScheduledService.EXPONENTIAL_BACKOFF_STRATEGY);
        // with a 5 s period the back-off goes 5 s, ~19 s, ~42 s, then stays at one minute
        setMaximumCumulativePeriod(Duration.millis(Math.max(period.toMillis() * 12, 1_000)));
        setRestartOnFailure(true);
    }

    public RefreshService(ConsoleBackend backend, Supplier<String> selectedPipe, Consumer<ConsoleData> onData,
                          Consumer<Throwable> onError) {
        this(backend, selectedPipe, DEFAULT_PERIOD, onData, onError);
    }

    @Override
    protected Task<ConsoleData> createTask() {
        String selected = selectedPipe.get();
        return new Task<>() {
            @Override
            protected ConsoleData call() {
                return backend.load(selected);
            }
        };
    }

    /** Refreshes at once (Refresh button, F5, a catalog notification, after an action). Call on the FX thread. */
    public void refreshNow() {
        if (closed) {
            return;
        }
        switch (getState()) {
            // a read is in flight: its answer may predate the change, so read again right after it
            case RUNNING -> refreshAgain = true;
            default -> runAgainNow();
        }
    }

    /**
     * Service.restart() cancels only the task, not ScheduledService's pending delay timer (which then fires as well);
     * ScheduledService.cancel() clears both.
     */
    private void runAgainNow() {
        if (closed) {
            return;
        }
        cancel();
        reset();
        start();
    }

    @Override
    protected void succeeded() {
        // read before super: ScheduledService resets the value when it schedules the next run
        ConsoleData data = getValue();
        super.succeeded();
        onData.accept(data);
        againIfAsked();
    }

    @Override
    protected void failed() {
        Throwable e = getException();
        super.failed();
        if (getCurrentFailureCount() <= 1) {
            // the stack trace once per outage; the retries only count
            LOG.warn("console refresh failed; retrying with back-off", e);
        } else {
            LOG.warn("console refresh failed (attempt {}): {}", getCurrentFailureCount(), e == null ? "?" : e.getMessage());
        }
        onError.accept(e);
        againIfAsked();
    }

    private void againIfAsked() {
        if (refreshAgain) {
            refreshAgain = false;
            // not from inside the state change that is running this callback
            javafx.application.Platform.runLater(this::runAgainNow);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (javafx.application.Platform.isFxApplicationThread()) {
            cancel();
        } else {
            javafx.application.Platform.runLater(this::cancel);
        }
        executor.shutdownNow();
    }
}
