package dev.pipedeck.console.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the FX thread and hands the outcome back on it. View-models take this instead of creating threads,
 * so their tests can pass {@link #SAME_THREAD} and stay synchronous.
 */
public interface TaskRunner {
    /** Runs everything on the caller's thread (tests). */
    TaskRunner SAME_THREAD = new TaskRunner() {
        @Override
        public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(result);
        }
    };

    /** Runs {@code r} on the UI thread (progress of a running task); tests run it at once. */
    default void onUiThread(Runnable r) {
        r.run();
    }

    /** Runs {@code work} in the background; exactly one of the callbacks is then called on the UI thread. */
    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);
}
