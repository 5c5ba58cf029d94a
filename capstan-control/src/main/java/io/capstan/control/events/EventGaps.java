package io.capstan.control.events;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Finds the lifecycle changes the engine's replay could not give back, and records each container's as one
 * {@code gap} event. The events of a control plane killed while they were still queued are replayed by the engine
 * on the next start, but an engine keeps only its recent events, and none from before its own restart: what the
 * engine shows of a container now (when it was created, started, stopped) is then compared with what the store has,
 * from a moment on, and a change with no event near its time is a gap. Nothing is ever lost quietly.
 */
public final class EventGaps {
    private static final Logger LOG = LoggerFactory.getLogger(EventGaps.class);
    /** The word of the event that marks lost events. */
    public static final String GAP = "gap";
    /**
     * How far an engine's event time may be from the time the engine reports for the change it caused: the create
     * event follows the container's creation time by the time the engine takes to set up its file system, seconds
     * on a loaded host. (A change repeated within it, a container restarting in a loop, may hide a gap.)
     */
    private static final Duration TOLERANCE = Duration.ofSeconds(10);

    private final Store store;
    private final EventWriter writer;
    private final String host;
    private volatile boolean closed;

    public EventGaps(Store store, EventWriter writer, String host) {
        this.store = store;
        this.writer = writer;
        this.host = host;
    }

    /** A lifecycle change the engine shows, and the event word it should have left. */
    record Change(String word, Instant at) {
    }

    /**
     * Records a gap event for each container of {@code now} that changed between {@code from} and {@code until}
     * without its event in the store. Call it once the events of changes before {@code until} are written. Returns
     * how many were recorded; throws when the store does not answer.
     */
    public int record(List<ManagedContainer> now, Instant from, Instant until) {
        int gaps = 0;
        for (ManagedContainer container : now) {
            List<Change> missing = missing(container, from, until, store.eventsOf(container.id(), 500));
            if (!missing.isEmpty()) {
                gaps++;
                Change first = missing.getFirst();
                LOG.warn("events of container {} were lost (the engine no longer has them): {}; recorded a gap event",
                        container.name(), missing);
                writer.submit(new EventRecord(0, container.image(), container.id(), container.name(), host,
                        Map.copyOf(container.ports()), container.status(), GAP, Instant.now()),
                        container.id() + "/" + GAP + "/" + first.word() + "/" + first.at());
            }
        }
        return gaps;
    }

    /** The changes between {@code from} and {@code until} that {@code container} shows and {@code recorded} lacks. */
    static List<Change> missing(ManagedContainer container, Instant from, Instant until, List<EventRecord> recorded) {
        List<Change> shown = new ArrayList<>();
        shown.add(new Change("create", container.created()));
        shown.add(new Change("start", container.startedAt()));
        if (!container.isRunning()) {
            shown.add(new Change("stop", container.finishedAt()));
        }
        return shown.stream()
                .filter(c -> c.at() != null && c.at().isAfter(from) && c.at().isBefore(until))
                .filter(c -> recorded.stream().noneMatch(e -> e.event().equals(c.word()) && near(e.ts(), c.at())))
                .toList();
    }

    private static boolean near(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(TOLERANCE) <= 0;
    }

    /**
     * Runs {@link #record} on a thread of its own for the changes until now, once {@code settled} says their events
     * are written, trying again while the store does not answer.
     */
    public void recordWhenSettled(Supplier<List<ManagedContainer>> now, Instant from, Settle settled) {
        Instant until = Instant.now();
        Thread.ofPlatform().name("capstan-event-gaps").daemon().start(() -> {
            while (!closed) {
                try {
                    settled.await();
                    record(now.get(), from, until);
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.debug("cannot look for lost events yet: {}", e.getMessage());
                }
            }
        });
    }

    /** Stops the searches under way. */
    public void close() {
        closed = true;
    }

    /** Waits until the events of the changes so far have arrived, been handled and been written. */
    @FunctionalInterface
    public interface Settle {
        void await() throws InterruptedException;
    }
}
