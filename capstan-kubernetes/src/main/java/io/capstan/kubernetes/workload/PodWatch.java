package io.capstan.kubernetes.workload;

import io.capstan.core.engine.Subscription;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A watch on pods that only says that something changed: the reader lists them again, so an event missed while a
 * watch was being re-opened is not lost. Its end is reported once, whether the API server closed it or it was closed.
 */
final class PodWatch implements Subscription {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Watch watch;
    private volatile boolean closed;

    private PodWatch() {
    }

    static PodWatch start(Watchable<Pod> pods, Runnable changed, Consumer<String> ended) {
        PodWatch w = new PodWatch();
        w.watch = pods.watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                changed.run();
            }

            @Override
            public void onClose(WatcherException cause) {
                w.done.countDown();
                if (!w.closed) {
                    ended.accept(cause == null || cause.getMessage() == null ? "the API server ended the watch"
                            : cause.getMessage());
                }
            }

            @Override
            public void onClose() {
                w.done.countDown();
            }
        });
        return w;
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        Watch w = watch;
        if (w != null) {
            w.close();
        }
        done.countDown();
    }
}
