package dev.pipedeck.console.common;

import javafx.application.Platform;
import javafx.concurrent.Task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Runs actions as JavaFX {@link Task}s on a small pool of daemon threads; callbacks arrive on the FX thread. */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "pipedeck-console-action");
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        // Task fires these handlers on the FX thread
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("start actions from the FX thread");
        }
        executor.execute(task);
    }

    @Override
    public void onUiThread(Runnable r) {
        Platform.runLater(r);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
