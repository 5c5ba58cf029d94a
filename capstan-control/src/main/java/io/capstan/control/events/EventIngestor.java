package io.capstan.control.events;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.EventRecord;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.EngineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
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
    /** Engine actions that change a container's lifecycle, and the word the {@code events} table uses for each. */
    private static final Map<String, String> LIFECYCLE = Map.of(
            "create", "create", "start", "start", "die", "stop", "destroy", "remove",
            "pause", "pause", "unpause", "unpause", "update", "update", "rename", "rename", "oom", "oom");
    private static final Set<String> STATE_ONLY = Set.of("stop", "kill", "restart");
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
    private final Thread watcher;
    private volatile Subscription subscription;
    private volatile Instant lastSeen;
    private volatile boolean connected;
    private volatile boolean closed;

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

    /** Whether the event stream is up. */
    public boolean connected() {
        return connected;
    }

    private void connect() {
        EventFilter filter = new EventFilter(Set.of("container"), ManagedState.LABELS,
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
                    connect();
                    LOG.info("engine event stream reconnected; replayed from {}", lastSeen);
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
     * Brings the state up to date once per container of the batch — the three events of a kill cost one engine read,
     * not three — then hands the lifecycle events to the writer in the order they happened.
     */
    private void handle(List<EngineEvent> batch) {
        Map<String, EngineEvent> lastOfEach = new LinkedHashMap<>();
        List<EngineEvent> relevant = new ArrayList<>();
        for (EngineEvent event : batch) {
            if (lastSeen == null || event.time().isAfter(lastSeen)) {
                lastSeen = event.time();
            }
            if (LIFECYCLE.containsKey(event.action()) || STATE_ONLY.contains(event.action())
                    || event.action().startsWith("health_status")) {
                relevant.add(event);
                lastOfEach.put(event.actorId(), event);
            }
        }
        Map<String, Optional<ManagedContainer>> seen = new HashMap<>();
        for (EngineEvent last : lastOfEach.values()) {
            try {
                seen.put(last.actorId(), observe(last));
            } catch (RuntimeException e) {
                LOG.warn("could not read container {} after its {} event: {}", last.actorId(), last.action(),
                        e.getMessage());
                seen.put(last.actorId(), state.get(last.actorId()));
            }
        }
        for (EngineEvent event : relevant) {
            String word = LIFECYCLE.get(event.action());
            if (word != null) {
                writer.submit(record(event, word, seen.get(event.actorId())), key(event));
            }
        }
    }

    /**
     * Updates the state from the engine after a container's latest event; returns the container as it is now, or as
     * it was last seen if it is gone.
     */
    private Optional<ManagedContainer> observe(EngineEvent latest) {
        long observed = System.nanoTime();
        if ("destroy".equals(latest.action())) {
            return state.remove(latest.actorId(), observed);
        }
        try {
            return Optional.of(containers.refresh(latest.actorId()));
        } catch (NotFoundException gone) {
            return state.remove(latest.actorId(), observed);
        }
    }

    private EventRecord record(EngineEvent event, String word, Optional<ManagedContainer> seen) {
        Map<String, String> attributes = event.attributes();
        String image = attributes.getOrDefault(Labels.MANAGED_BY, seen.map(ManagedContainer::image).orElse(null));
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
        var done = new java.util.concurrent.CountDownLatch(1);
        worker.execute(done::countDown);
        done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
    }
}
