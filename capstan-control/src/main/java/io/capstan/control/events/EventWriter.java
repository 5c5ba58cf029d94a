package io.capstan.control.events;

import io.capstan.control.store.EventRecord;
import io.capstan.control.store.KeyedEvent;
import io.capstan.control.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes lifecycle events to the store on a thread of its own, so that container operations never wait for the
 * database. While the database is unreachable events stay queued, in order, and are written when it returns;
 * nothing is dropped. The queue lives in memory: events of a control plane killed during an outage are recovered
 * from the engine's own event log on the next start, and the store's event keys keep those from being written twice.
 */
public final class EventWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /**
     * Events written in one transaction at most. Everything queued is written together: a database commits a batch
     * about as fast as one event, so a burst does not wait for one commit per event.
     */
    private static final int MAX_BATCH = 500;

    record Pending(EventRecord event, String key) {
    }

    private final Store store;
    private final LinkedBlockingDeque<Pending> queue = new LinkedBlockingDeque<>();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final Thread thread;
    /** Submitted and not yet written, including the one being written. */
    private final java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;
    private volatile String lastError;
    private final java.util.List<java.util.function.Consumer<EventRecord>> written =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public EventWriter(Store store) {
        this.store = store;
        this.thread = Thread.ofPlatform().name("capstan-event-writer").daemon().start(this::run);
    }

    /** Queues an engine event; {@code key} identifies it so that a replay records it once. */
    public void submit(EventRecord event, String key) {
        outstanding.incrementAndGet();
        queue.add(new Pending(event, key));
    }

    /**
     * Tells {@code listener} of every event once it is stored, with its id, in the order written (on the writer's
     * thread: it must return quickly). Repeats a replay skipped are not passed on.
     */
    public void onWritten(java.util.function.Consumer<EventRecord> listener) {
        written.add(listener);
    }

    /** Events waiting to be written. */
    public int pending() {
        return outstanding.get();
    }

    /** False while the last write failed. */
    public boolean databaseReachable() {
        return reachable.get();
    }

    /** Why the last write failed, or null. */
    public String lastError() {
        return reachable.get() ? null : lastError;
    }

    /** Waits until everything queued so far is written; false when {@code timeout} passed first. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (!closed) {
            List<Pending> batch = new ArrayList<>();
            try {
                batch.add(queue.takeFirst());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                var stored = store.recordEngineEvents(batch.stream().map(p -> new KeyedEvent(p.event(), p.key())).toList());
                outstanding.addAndGet(-batch.size());
                stored.forEach(e -> e.ifPresent(this::tell));
                if (reachable.compareAndSet(false, true)) {
                    LOG.info("database {} is back: writing {} queued events", store.location(), queue.size());
                }
                backoff = Duration.ofMillis(100);
            } catch (RuntimeException e) {
                batch.reversed().forEach(queue::addFirst);
                lastError = e.getMessage();
                if (reachable.compareAndSet(true, false)) {
                    LOG.warn("cannot write events to {}: {}; queuing them until it answers", store.location(),
                            e.getMessage());
                }
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void tell(EventRecord event) {
        for (var listener : written) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed: {}", e.getMessage());
            }
        }
    }

    /** Stops after writing what is queued, waiting at most {@code timeout}; what is left is logged, not lost quietly. */
    public void close(Duration timeout) {
        try {
            flush(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        thread.interrupt();
        if (pending() > 0) {
            LOG.warn("{} events not written to {} at shutdown; they are replayed from the engine on the next start",
                    pending(), store.location());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
