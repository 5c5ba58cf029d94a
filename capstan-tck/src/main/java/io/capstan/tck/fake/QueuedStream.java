package io.capstan.tck.fake;

import io.capstan.core.engine.Subscription;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stream of events or log lines: items are queued in the order the fake engine produced them and handed to the
 * listener on a thread of their own, as a real engine's stream arrives, so a listener may call the engine back.
 */
final class QueuedStream<T> implements Subscription {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CountDownLatch done = new CountDownLatch(1);
    /** Items queued and not yet through the listener. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Consumer<T> listener;
    private final Consumer<QueuedStream<T>> onEnd;
    private volatile boolean closed;

    /** {@code onEnd} is told when the stream ended, by itself or closed. */
    QueuedStream(Consumer<T> listener, Consumer<QueuedStream<T>> onEnd) {
        this.listener = listener;
        this.onEnd = onEnd;
    }

    QueuedStream<T> start() {
        Thread.ofVirtual().name("fake-engine-stream").start(this::deliver);
        return this;
    }

    /** Queues one item; ignored once closed. */
    void offer(T item) {
        if (!closed) {
            pending.incrementAndGet();
            queue.add(item);
        }
    }

    /** Ends the stream by itself after the items already queued, as a log stream ends when its container stops. */
    void finish() {
        queue.add(END);
    }

    @SuppressWarnings("unchecked")
    private void deliver() {
        try {
            while (true) {
                Object item = queue.take();
                if (item == END || closed) {
                    return;
                }
                try {
                    listener.accept((T) item);
                } catch (RuntimeException listenerFailed) {
                    // a listener's failure is its own; the stream goes on, as the real engine's does
                } finally {
                    pending.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onEnd.accept(this);
            done.countDown();
        }
    }

    /** True when every item queued so far went through the listener (or the stream ended). */
    boolean delivered() {
        return pending.get() == 0 || done.getCount() == 0;
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        queue.add(END);
    }
}
