package org.depconsole.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Runs a view model's work off the FX thread and delivers the outcome on it: success, failure, finally.
 * Uses only {@code javafx.base}, so view models stay testable with same-thread executors.
 * {@link #busyProperty()} is true while any work of this runner is under way.
 */
public final class Background {

    private final Executor worker;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private int running;

    public Background(Executor worker, Executor ui) {
        this.worker = worker;
        this.ui = ui;
    }

    /** Runs {@code work} on the worker; nothing runs once the window is closing (its worker is shut down). */
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        started();
        try {
            submit(work, onSuccess, onFailure);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            finished();
        }
    }

    private <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        worker.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception | Error e) {
                ui.execute(() -> {
                    try {
                        onFailure.accept(e);
                    } finally {
                        finished();
                    }
                });
                return;
            }
            ui.execute(() -> {
                try {
                    onSuccess.accept(result);
                } finally {
                    finished();
                }
            });
        });
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public Executor ui() {
        return ui;
    }

    private void started() {
        running++;
        busy.set(true);
    }

    private void finished() {
        running--;
        busy.set(running > 0);
    }
}
