package io.capstan.control.replicas;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Passes over desired images, one image at a time: a trigger that arrives while an image is queued folds into that
 * pass, one that arrives while it runs into one more pass after it, so concurrent events never make two passes race.
 * A pass that fails is retried after 1, 2, 4 ... s (at most {@link #RETRY_CAP}); the same failure again is not
 * reported again. What the control plane changes itself goes through {@link #exclusive}, never beside a pass.
 */
public final class ImageWorkQueue implements AutoCloseable {
    static final Duration RETRY_CAP = Duration.ofSeconds(30);

    /** What one pass did. */
    public enum Pass {
        /** Nothing: the image has no desired state now (its failures so far still count). */
        SKIPPED,
        DONE,
        /** Done, and another pass should follow at once (one rollout step was taken). */
        AGAIN
    }

    private static final class ImageWork {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicBoolean queued = new AtomicBoolean();
        int failures;
        String lastError;
    }

    private final Predicate<String> wanted;
    private final Function<String, Pass> pass;
    private final BiConsumer<String, RuntimeException> failed;
    private final Map<String, ImageWork> work = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    /**
     * @param timerName the name of the thread that runs delayed triggers and {@link #every} tasks
     * @param wanted    whether a trigger of the image should queue a pass now (the owner is started, the image desired)
     * @param pass      one pass over an image, run with the image's lock held
     * @param failed    told of a failed pass, unless it failed with the same message as the one before
     */
    public ImageWorkQueue(String timerName, Predicate<String> wanted, Function<String, Pass> pass,
                          BiConsumer<String, RuntimeException> failed) {
        this.wanted = wanted;
        this.pass = pass;
        this.failed = failed;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(timerName).daemon().factory());
    }

    /** Asks for a pass over {@code image}; returns at once. */
    public void trigger(String image) {
        if (closed || !wanted.test(image)) {
            return;
        }
        ImageWork w = work.computeIfAbsent(image, key -> new ImageWork());
        if (w.queued.compareAndSet(false, true)) {
            try {
                workers.execute(() -> run(image, w));
            } catch (RejectedExecutionException closing) {
                w.queued.set(false);
            }
        }
    }

    /** Triggers {@code image} after {@code delay}. */
    public void later(String image, Duration delay) {
        if (!closed) {
            try {
                timer.schedule(() -> trigger(image), Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // closed meanwhile: nothing more is run
            }
        }
    }

    /** Runs {@code task} every {@code interval}, the first time one interval from now. */
    public void every(Duration interval, Runnable task) {
        long ms = interval.toMillis();
        try {
            timer.scheduleWithFixedDelay(task, ms, ms, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: nothing more is run
        }
    }

    /** Runs {@code action} while no pass over {@code image} runs. */
    public <T> T exclusive(String image, Supplier<T> action) {
        ImageWork w = work.computeIfAbsent(image, key -> new ImageWork());
        w.lock.lock();
        try {
            return action.get();
        } finally {
            w.lock.unlock();
        }
    }

    private void run(String image, ImageWork w) {
        w.lock.lock();
        try {
            w.queued.set(false);
            Pass result = pass.apply(image);
            if (result == Pass.SKIPPED) {
                return;
            }
            w.failures = 0;
            w.lastError = null;
            if (result == Pass.AGAIN) {
                trigger(image);
            }
        } catch (RuntimeException e) {
            w.failures++;
            String message = e.getMessage();
            if (!Objects.equals(message, w.lastError)) {
                failed.accept(image, e);
            }
            w.lastError = message;
            Duration retry = Duration.ofSeconds(1L << Math.min(w.failures - 1, 5));
            later(image, retry.compareTo(RETRY_CAP) > 0 ? RETRY_CAP : retry);
        } finally {
            w.lock.unlock();
        }
    }

    /** Stops the timer and waits up to 5 s for the passes that run to end; triggers after this are ignored. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
