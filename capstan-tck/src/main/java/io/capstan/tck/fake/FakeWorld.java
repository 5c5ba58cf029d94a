package io.capstan.tck.fake;

import io.capstan.core.engine.EventFilter;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EventKind;
import io.capstan.core.model.ImageInfo;
import io.capstan.core.model.NetworkInfo;
import io.capstan.core.model.VolumeInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the fake engine holds, behind one lock: every operation takes it, so operations are atomic and
 * events are queued in the order things happened.
 */
final class FakeWorld {
    final Object lock = new Object();
    final Clock clock;
    final Map<String, FakeContainer> containers = new LinkedHashMap<>();
    /** Images by id; each with its names ({@code repository:tag}). */
    final Map<String, ImageInfo> images = new LinkedHashMap<>();
    final Map<String, NetworkInfo> networks = new LinkedHashMap<>();
    final Map<String, VolumeInfo> volumes = new LinkedHashMap<>();
    private final List<EngineEvent> history = new ArrayList<>();
    private final Map<QueuedStream<EngineEvent>, EventFilter> subscribers = new LinkedHashMap<>();
    private volatile Consumer<FakeEngine.Call> observer = call -> { };
    private long serial;
    private Instant last = Instant.EPOCH;

    FakeWorld(Clock clock) {
        this.clock = clock;
    }

    void observe(Consumer<FakeEngine.Call> observer) {
        this.observer = observer;
    }

    /** Tells the observer of a call, on the caller's thread, before the call takes the lock. */
    void called(String operation, String ref) {
        observer.accept(new FakeEngine.Call(operation, ref));
    }

    /** A 64-hex-digit id, the same sequence on every run. */
    String newId(String kind) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind + "-" + (++serial)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The time now, never earlier than the last one given: events keep their order in time too. */
    Instant now() {
        Instant t = clock.instant();
        last = t.isAfter(last) ? t : last.plusNanos(1);
        return last;
    }

    FakeContainer container(String ref) {
        String key = ref.startsWith("/") ? ref.substring(1) : ref;
        FakeContainer byId = containers.get(key);
        if (byId != null) {
            return byId;
        }
        for (FakeContainer c : containers.values()) {
            if (c.name.equals(key)) {
                return c;
            }
        }
        List<FakeContainer> prefixed = containers.values().stream().filter(c -> c.id.startsWith(key)).toList();
        if (prefixed.size() > 1) {
            throw new ConflictException("container id prefix '" + ref + "' matches several containers: give more of the id");
        }
        if (prefixed.isEmpty() || key.isEmpty()) {
            throw new NotFoundException("container", ref, "container '" + ref + "' not found", null);
        }
        return prefixed.getFirst();
    }

    NetworkInfo network(String ref) {
        NetworkInfo byId = networks.get(ref);
        if (byId != null) {
            return byId;
        }
        return networks.values().stream().filter(n -> n.name().equals(ref)).findFirst()
                .orElseThrow(() -> new NotFoundException("network", ref, "network '" + ref + "' not found", null));
    }

    /** An image by {@code repository[:tag]} (tag {@code latest} when absent) or id. */
    ImageInfo image(String ref) {
        ImageInfo byId = images.get(ref);
        if (byId != null) {
            return byId;
        }
        String named = FakeImages.withTag(ref);
        return images.values().stream().filter(i -> i.repoTags().contains(named)).findFirst()
                .orElseThrow(() -> new NotFoundException("image", ref, "image '" + ref
                        + "' not found: build it, import it or pull it first (capstan images build|import|pull)", null));
    }

    /** Records an event and queues it for every subscriber whose filter it passes. Call with the lock held. */
    void publish(String type, EventKind kind, String action, String actorId, Map<String, String> attributes) {
        EngineEvent event = new EngineEvent(type, kind, action, actorId, attributes, now());
        history.add(event);
        subscribers.forEach((stream, filter) -> {
            if (passes(filter, event)) {
                stream.offer(event);
            }
        });
    }

    QueuedStream<EngineEvent> subscribe(EventFilter filter, Consumer<EngineEvent> listener) {
        synchronized (lock) {
            QueuedStream<EngineEvent> stream = new QueuedStream<>(listener, this::unsubscribe);
            if (filter.since() != null) {
                history.stream().filter(e -> !e.time().isBefore(filter.since()) && passes(filter, e))
                        .forEach(stream::offer);
            }
            subscribers.put(stream, filter);
            return stream.start();
        }
    }

    /** Waits until every event so far went through its listeners; false if {@code timeout} passed first. */
    boolean awaitDelivered(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<QueuedStream<EngineEvent>> streams;
            synchronized (lock) {
                streams = List.copyOf(subscribers.keySet());
            }
            if (streams.stream().allMatch(QueuedStream::delivered)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
    }

    private void unsubscribe(QueuedStream<EngineEvent> stream) {
        synchronized (lock) {
            subscribers.remove(stream);
        }
    }

    private static boolean passes(EventFilter filter, EngineEvent event) {
        if (!filter.types().isEmpty() && !filter.types().contains(event.type())) {
            return false;
        }
        return filter.labels().entrySet().stream().allMatch(l -> event.attributes().containsKey(l.getKey())
                && (l.getValue().isEmpty() || l.getValue().equals(event.attributes().get(l.getKey()))));
    }
}
