package io.capstan.control.replicas;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs one engine call per item at the same time, each on a virtual thread, and returns when all are done: removing
 * 200 surplus replicas one after another costs 200 engine round trips in a row, at once it costs about the slowest.
 */
public final class InParallel {
    private InParallel() {
    }

    /** Applies {@code action} to every item; throws the first failure once every item was tried. */
    public static <T> void each(List<T> items, Consumer<T> action) {
        if (items.size() == 1) {
            action.accept(items.getFirst());
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            items.forEach(item -> running.add(pool.submit(() -> action.accept(item))));
        }
        RuntimeException first = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
