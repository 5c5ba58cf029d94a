package io.capstan.control.events;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds the lifecycle changes the engine's replay could not give back, and records each container's as one
 * {@code gap} event. The events of a control plane killed while they were still queued are replayed by the engine
 * on the next start, but an engine keeps only its recent events, and none from before its own restart: what the
 * engine shows of a container now (when it was created, started, stopped) is then compared with what the store has,
 * from a moment on, and a change with no event near its time is a gap; a container the store last saw alive (on this
 * host) that the engine no longer has, with no {@code remove} recorded, is one too. Nothing is ever lost quietly.
 */
public final class EventGaps {
    private static final Logger LOG = LoggerFactory.getLogger(EventGaps.class);
    /** The word of the event that marks lost events. */
    public static final String GAP = "gap";
    /** The status of the gap event of a container whose removal was lost. */
    public static final String GONE = "gone";
    /**
     * How far an engine's event time may be from the time the engine reports for the change it caused: the create
     * event follows the container's creation time by the time the engine takes to set up its file system, seconds
     * on a loaded host. (A change repeated within it, a container restarting in a loop, may hide a gap.)
     */
    private static final Duration TOLERANCE = Duration.ofSeconds(10);

    /** The newest events looked through for containers the store last saw alive. */
    private static final int RECENT_EVENTS = 5000;
    /**
     * The words of events the engine's stream gives (and of gaps): the control plane's own decisions about a
     * container ({@code scale_down}, ...) are recorded after its removal, so they never tell whether it is alive.
     */
    private static final Set<String> ENGINE_WORDS = Set.of("create", "start", "stop", "remove", "pause", "unpause",
            "update", "rename", "oom", GAP);

    private final Store store;
    private final EventWriter writer;
    private final String host;
    private final Predicate<String> goneFromEngine;
    private volatile boolean closed;

    /** @param goneFromEngine whether the engine has no container of that id (throws when it does not answer) */
    public EventGaps(Store store, EventWriter writer, String host, Predicate<String> goneFromEngine) {
        this.store = store;
        this.writer = writer;
        this.host = host;
        this.goneFromEngine = goneFromEngine;
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

    /**
     * Records a gap event (status {@code gone}) for each container the store's recent events last saw alive on this
     * host that is not among {@code now}, that the engine no longer has, and whose removal is still not recorded once
     * {@code settled} has let any removal under way arrive. Returns how many were recorded.
     */
    public int recordRemovals(List<ManagedContainer> now, Settle settled) throws InterruptedException {
        Set<String> present = now.stream().map(ManagedContainer::id).collect(Collectors.toSet());
        Map<String, EventRecord> latest = new LinkedHashMap<>();
        for (EventRecord e : store.listEvents(null, RECENT_EVENTS)) {
            if (e.containerId() != null && host.equals(e.host()) && ENGINE_WORDS.contains(e.event())) {
                latest.putIfAbsent(e.containerId(), e);
            }
        }
        List<EventRecord> candidates = latest.values().stream().filter(EventGaps::aliveWhenLastSeen)
                .filter(e -> !present.contains(e.containerId())).filter(e -> goneFromEngine.test(e.containerId())).toList();
        if (candidates.isEmpty()) {
            return 0;
        }
        settled.await();
        int gaps = 0;
        for (EventRecord last : candidates) {
            var newest = store.eventsOf(last.containerId(), 100).stream().filter(e -> ENGINE_WORDS.contains(e.event()))
                    .findFirst();
            if (newest.isPresent() && aliveWhenLastSeen(newest.get())) {
                gaps++;
                LOG.warn("container {} is gone from the engine, and its removal was lost (the engine no longer has "
                        + "it); recorded a gap event", last.name());
                writer.submit(new EventRecord(0, last.image(), last.containerId(), last.name(), host, Map.of(), GONE,
                        GAP, Instant.now()), last.containerId() + "/" + GAP + "/remove");
            }
        }
        return gaps;
    }

    private static boolean aliveWhenLastSeen(EventRecord e) {
        return !e.event().equals("remove") && !(e.event().equals(GAP) && GONE.equals(e.status()));
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
                    recordRemovals(now.get(), settled);
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
