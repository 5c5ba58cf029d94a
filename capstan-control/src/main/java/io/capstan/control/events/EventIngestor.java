package io.capstan.control.events;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedQueries;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.EventRecord;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.ImageIdentity;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Follows the engine's event stream for managed containers: keeps {@link ManagedState} current and turns every
 * lifecycle change — whoever caused it, Capstan or {@code docker kill} — into one {@code events} row. On start, and
 * after losing the engine, it replays the stream from the last recorded event; the store's event keys make the
 * replay record nothing twice.
 */
public final class EventIngestor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventIngestor.class);
    /** Event kinds that change a container's lifecycle, and the word the {@code events} table uses for each. */
    private static final Map<EventKind, String> LIFECYCLE = Map.of(
            EventKind.CREATED, "create", EventKind.STARTED, "start", EventKind.DIED, "stop",
            EventKind.DESTROYED, "remove", EventKind.PAUSED, "pause", EventKind.UNPAUSED, "unpause",
            EventKind.UPDATED, "update", EventKind.RENAMED, "rename", EventKind.OOM, "oom");
    /** Kinds that change only what the state says of a container (its status, its health). */
    private static final Set<EventKind> STATE_ONLY = Set.of(
            EventKind.STOPPED, EventKind.KILLED, EventKind.RESTARTED, EventKind.HEALTH);
    /** Kinds whose effect on the state the event tells in full: no engine read is needed. */
    private static final Set<EventKind> TOLD_BY_EVENT = Set.of(
            EventKind.KILLED, EventKind.DIED, EventKind.STOPPED, EventKind.DESTROYED);
    /** Engine reads of one batch made at the same time, at most. */
    private static final int PARALLEL_READS = 8;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    /**
     * How far before the newest recorded event a replay starts. The engine replays from a time, and its clock is
     * the host's, which can step back; starting a minute early costs a few repeats, which the event keys drop.
     */
    private static final Duration REPLAY_OVERLAP = Duration.ofMinutes(1);

    private final ContainerEngine engine;
    private final ManagedContainers containers;
    private final ManagedState state;
    private final EventWriter writer;
    private final String host;
    /** Engine events received and not yet handled, in the order the engine sent them. */
    private final BlockingQueue<EngineEvent> incoming = new LinkedBlockingQueue<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("capstan-events").daemon().factory());
    private final ExecutorService readers = Executors.newFixedThreadPool(PARALLEL_READS,
            Thread.ofPlatform().name("capstan-events-read-", 0).daemon().factory());
    /** Per container whose engine read is under way: the last step of its events still to be handled. */
    private final Map<String, CompletableFuture<Void>> reading = new ConcurrentHashMap<>();
    private final Thread watcher;
    private volatile Subscription subscription;
    private volatile Instant lastSeen;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile java.util.function.Consumer<Instant> reconnected = since -> { };

    private EventIngestor(ContainerEngine engine, ManagedContainers containers, ManagedState state, EventWriter writer,
                          String host, Instant since) {
        this.engine = engine;
        this.containers = containers;
        this.state = state;
        this.writer = writer;
        this.host = host;
        this.lastSeen = since;
        connect();
        this.watcher = Thread.ofPlatform().name("capstan-events-watch").daemon().start(this::watch);
    }

    /**
     * Subscribes (replaying from {@code since} when given), then reads the managed containers into the state. Throws
     * when the engine does not answer.
     */
    public static EventIngestor start(ContainerEngine engine, ManagedContainers containers, ManagedState state,
                                      EventWriter writer, String host, Instant since) {
        return new EventIngestor(engine, containers, state, writer, host, since);
    }

    /**
     * Tells {@code listener}, after each reconnection, the time of the last event seen before the stream was lost
     * (null when none was), from which the replay was asked.
     */
    public void onReconnect(java.util.function.Consumer<Instant> listener) {
        reconnected = listener;
    }

    /** Whether the event stream is up. */
    public boolean connected() {
        return connected;
    }

    private void connect() {
        EventFilter filter = new EventFilter(Set.of("container"), ManagedQueries.EVENTS,
                lastSeen == null ? null : lastSeen.minus(REPLAY_OVERLAP));
        subscription = engine.events(filter, event -> {
            incoming.add(event);
            worker.execute(this::handleArrived);
        });
        connected = true;
        // Subscribed first, listed second: whatever changes in between arrives as an event.
        containers.resync();
    }

    private void watch() {
        while (!closed) {
            try {
                subscription.awaitCompletion(Duration.ofDays(365));
            } catch (InterruptedException e) {
                return;
            } catch (CapstanException e) {
                LOG.debug("event stream ended: {}", e.getMessage());
            }
            connected = false;
            while (!closed && !connected) {
                try {
                    Thread.sleep(RECONNECT_DELAY.toMillis());
                    Instant before = lastSeen;
                    connect();
                    LOG.info("engine event stream reconnected; replayed from {}", before);
                    reconnected.accept(before);
                } catch (InterruptedException e) {
                    return;
                } catch (CapstanException e) {
                    LOG.debug("engine still unreachable: {}", e.getMessage());
                }
            }
        }
    }

    /** Handles every event that has arrived so far as one batch (nothing when an earlier run took them already). */
    private void handleArrived() {
        List<EngineEvent> batch = new ArrayList<>();
        incoming.drainTo(batch);
        if (batch.isEmpty()) {
            return;
        }
        try {
            handle(batch);
        } catch (RuntimeException e) {
            LOG.warn("could not handle {} engine events: {}", batch.size(), e.getMessage());
        }
    }

    /**
     * Brings the state up to date and hands the lifecycle events to the writer, in the order they happened for each
     * container. An exit or a removal is taken from the event itself, so it is recorded (and streamed) at once; the
     * other changes are read from the engine once per container of the batch. A busy engine takes long to answer
     * each read, so reads run beside this thread, several at a time, and a container's later events wait only for
     * its own read, never for another container's.
     */
    private void handle(List<EngineEvent> batch) {
        Map<String, List<EngineEvent>> byContainer = new LinkedHashMap<>();
        for (EngineEvent event : batch) {
            if (lastSeen == null || event.time().isAfter(lastSeen)) {
                lastSeen = event.time();
            }
            boolean lifecycle = LIFECYCLE.containsKey(event.kind()) || STATE_ONLY.contains(event.kind());
            if (lifecycle && ManagedState.isManaged(event.attributes())) {
                byContainer.computeIfAbsent(event.actorId(), id -> new ArrayList<>()).add(event);
            }
        }
        byContainer.forEach(this::handle);
    }

    private void handle(String id, List<EngineEvent> events) {
        boolean gone = events.getLast().is(EventKind.DESTROYED);
        boolean needsRead = !gone && events.stream().anyMatch(e -> !TOLD_BY_EVENT.contains(e.kind()));
        CompletableFuture<Void> before = reading.get(id);
        if (before == null && !needsRead) {
            events.forEach(e -> submit(e, fromEvent(e)));
            return;
        }
        CompletableFuture<Void> after = before == null ? CompletableFuture.completedFuture(null) : before;
        CompletableFuture<Void> step = needsRead
                ? after.thenRunAsync(() -> quietly(id, () -> {
                    Optional<ManagedContainer> seen = read(id);
                    events.forEach(e -> submit(e, seen));
                }), readers)
                : after.thenRun(() -> quietly(id, () -> events.forEach(e -> submit(e, fromEvent(e)))));
        reading.put(id, step);
        step.whenComplete((done, failed) -> reading.remove(id, step));
    }

    /** Runs one container's step; a failure is logged, so that the container's later events still follow. */
    private static void quietly(String id, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("could not handle the engine events of container {}: {}", id, e.getMessage());
        }
    }

    private void submit(EngineEvent event, Optional<ManagedContainer> seen) {
        String word = LIFECYCLE.get(event.kind());
        if (word != null) {
            writer.submit(record(event, word, seen), key(event));
        }
    }

    /** Applies what the event says to the state, without asking the engine. */
    private Optional<ManagedContainer> fromEvent(EngineEvent event) {
        long observed = System.nanoTime();
        return switch (event.kind()) {
            case DESTROYED -> state.remove(event.actorId(), observed);
            case DIED -> state.exited(event.actorId(), exitCode(event), event.time(), observed);
            default -> state.get(event.actorId());
        };
    }

    private static int exitCode(EngineEvent event) {
        try {
            return Integer.parseInt(event.attributes().getOrDefault("exitCode", "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads the container from the engine into the state; returns it as it is now, or as it was if it is gone. */
    private Optional<ManagedContainer> read(String id) {
        long observed = System.nanoTime();
        try {
            return Optional.of(containers.refresh(id));
        } catch (NotFoundException gone) {
            return state.remove(id, observed);
        } catch (CapstanException e) {
            LOG.warn("could not read container {} after its engine events: {}", id, e.getMessage());
            return state.get(id);
        }
    }

    private EventRecord record(EngineEvent event, String word, Optional<ManagedContainer> seen) {
        Map<String, String> attributes = event.attributes();
        String image = ImageIdentity.imageOf(attributes).orElse(seen.map(ManagedContainer::image).orElse(null));
        String name = attributes.getOrDefault("name", seen.map(ManagedContainer::name).orElse(null));
        Map<String, Object> ports = new LinkedHashMap<>(seen.map(ManagedContainer::ports).orElse(Map.of()));
        return new EventRecord(0, image, event.actorId(), name, host, ports, status(event, word, seen), word,
                event.time());
    }

    private static String status(EngineEvent event, String word, Optional<ManagedContainer> seen) {
        return switch (word) {
            case "create" -> "created";
            case "start" -> "running";
            case "stop" -> "exited (" + event.attributes().getOrDefault("exitCode", "?") + ")";
            case "remove" -> "removed";
            case "pause" -> "paused";
            case "unpause" -> "running";
            default -> seen.map(ManagedContainer::status).orElse("unknown");
        };
    }

    /** The engine's identity of an event: which container, what, and when to the nanosecond. */
    static String key(EngineEvent event) {
        Instant t = event.time();
        return event.actorId() + "/" + event.action() + "/" + t.getEpochSecond() + "." + t.getNano();
    }

    /** Waits until every event received so far has been handed to the writer (for orderly shutdown and tests). */
    public void drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var done = new java.util.concurrent.CountDownLatch(1);
        worker.execute(done::countDown);
        done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        while (!reading.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readers.shutdown();
    }
}
