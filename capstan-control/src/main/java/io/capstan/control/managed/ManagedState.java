package io.capstan.control.managed;

import io.capstan.core.label.ImageIdentity;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.spec.PortMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The managed containers as last seen on the engine, kept current from the engine's events so that listings are
 * answered from memory. Each update carries the time its inspection started; an older view never replaces a newer
 * one, and a container once removed does not come back from a late inspection.
 */
public final class ManagedState {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedState.class);
    private static final Comparator<ManagedContainer> BY_CREATION =
            Comparator.comparing(ManagedContainer::created).thenComparing(ManagedContainer::id);

    private static final long TOMBSTONE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);

    private record Entry(ManagedContainer container, long observedAt) {
    }

    /** The label holding the hash of a container's configuration ({@link ReplicaSpec#hash()}). */
    public static final String SPEC_LABEL = Labels.MANAGED_SPEC;

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    /** Stopped containers the reconciler will restart once their crash-loop delay is over. */
    private final Set<String> crashLooping = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> removedAt = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private final String host;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public ManagedState(String host) {
        this.host = host;
    }

    /**
     * Adds {@code listener}, told the image of every container whose view changed or that went away. Every listener
     * added is told, in the order they were added; one that throws does not keep the others from being told.
     */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    private void changed(String image) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(image);
            } catch (RuntimeException e) {
                LOG.warn("after a change of {}: {}", image, e.getMessage());
            }
        }
    }

    /**
     * Whether labels mark a container as one this control plane manages: Capstan's, with an image named by the
     * engine-neutral pair or, for containers made before it, by the seed's {@code managed-by}.
     */
    public static boolean isManaged(Map<String, String> labels) {
        return Labels.isOwned(labels) && ImageIdentity.imageOf(labels).isPresent();
    }

    /** Records what an inspection begun at {@code observedAt} ({@link System#nanoTime()}) saw. */
    public Optional<ManagedContainer> update(ContainerInfo info, long observedAt) {
        if (!isManaged(info.labels())) {
            return Optional.empty();
        }
        Long removed = removedAt.get(info.id());
        if (removed != null && removed >= observedAt) {
            return Optional.empty();
        }
        ManagedContainer view = view(info);
        if (!info.isRunning() && crashLooping.contains(info.id())) {
            view = view.withStatus("crashloop");
        }
        byId.merge(info.id(), new Entry(view, observedAt),
                (old, now) -> now.observedAt() >= old.observedAt() ? now : old);
        version.incrementAndGet();
        changed(view.image());
        return Optional.of(byId.get(info.id()).container());
    }

    /**
     * Records a replica as a workload target shows it (a Swarm task), where there is no container to inspect: the
     * same rules as {@link #update} apply.
     */
    public Optional<ManagedContainer> put(ManagedContainer view, long observedAt) {
        Long removed = removedAt.get(view.id());
        if (removed != null && removed >= observedAt) {
            return Optional.empty();
        }
        Entry before = byId.get(view.id());
        ManagedContainer now = byId.merge(view.id(), new Entry(view, observedAt),
                (old, fresh) -> fresh.observedAt() >= old.observedAt() ? fresh : old).container();
        if (before == null || !before.container().equals(now)) {
            version.incrementAndGet();
            changed(now.image());
        }
        return Optional.of(now);
    }

    /**
     * Records a container's exit as the engine's event tells it ({@code observedAt} is when the event was handled),
     * without reading the engine; returns the container as it is now known (empty if it was not known).
     */
    public Optional<ManagedContainer> exited(String id, int exitCode, Instant at, long observedAt) {
        Entry[] changed = new Entry[1];
        byId.computeIfPresent(id, (key, entry) -> {
            if (entry.observedAt() > observedAt) {
                return entry;
            }
            ManagedContainer view = entry.container().exited(exitCode, at);
            changed[0] = new Entry(crashLooping.contains(id) ? view.withStatus("crashloop") : view, observedAt);
            return changed[0];
        });
        if (changed[0] == null) {
            return get(id);
        }
        version.incrementAndGet();
        changed(changed[0].container().image());
        return Optional.of(changed[0].container());
    }

    /** Forgets a container that is gone; returns what was known of it. */
    public Optional<ManagedContainer> remove(String id, long observedAt) {
        // A late inspection finishes within seconds; older marks only cost memory in a long-running server.
        removedAt.values().removeIf(t -> observedAt - t > TOMBSTONE_NANOS);
        removedAt.merge(id, observedAt, Math::max);
        // A view taken after the removal was observed is newer news (a listing that began before a create): keep it.
        Entry[] removed = new Entry[1];
        byId.computeIfPresent(id, (key, entry) -> {
            if (entry.observedAt() > observedAt) {
                return entry;
            }
            removed[0] = entry;
            return null;
        });
        crashLooping.remove(id);
        version.incrementAndGet();
        if (removed[0] != null) {
            changed(removed[0].container().image());
        }
        return Optional.ofNullable(removed[0]).map(Entry::container);
    }

    /**
     * Marks a stopped container as waiting out a crash-loop delay (shown as status {@code crashloop}), or clears the
     * mark; a container that runs again is shown as the engine reports it.
     */
    public void crashLooping(String id, boolean waiting) {
        if (waiting ? crashLooping.add(id) : crashLooping.remove(id)) {
            byId.computeIfPresent(id, (key, entry) -> waiting && !entry.container().isRunning()
                    ? new Entry(entry.container().withStatus("crashloop"), entry.observedAt()) : entry);
            version.incrementAndGet();
        }
    }

    public Optional<ManagedContainer> get(String id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::container);
    }

    /** By full id, unique id prefix (at least 4 characters) or name. */
    public Optional<ManagedContainer> find(String ref) {
        Entry exact = byId.get(ref);
        if (exact != null) {
            return Optional.of(exact.container());
        }
        List<ManagedContainer> matches = byId.values().stream().map(Entry::container)
                .filter(c -> c.name().equals(ref) || (ref.length() >= 4 && c.id().startsWith(ref)))
                .limit(2).toList();
        return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
    }

    /** Every managed container, oldest first. */
    public List<ManagedContainer> all() {
        return byId.values().stream().map(Entry::container).sorted(BY_CREATION).toList();
    }

    /** The managed containers of one image, oldest first. */
    public List<ManagedContainer> ofImage(String image) {
        return byId.values().stream().map(Entry::container).filter(c -> c.image().equals(image))
                .sorted(BY_CREATION).toList();
    }

    /** Changes whenever the state may have changed: answers derived from it can be kept until it does. */
    public long version() {
        return version.get();
    }

    public int size() {
        return byId.size();
    }

    private ManagedContainer view(ContainerInfo info) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (PortMapping p : info.ports()) {
            // Docker reports one binding per address family; the first host port is the one clients use.
            ports.putIfAbsent(p.containerPort() + "/" + p.protocol(), p.hostPort() == 0 ? null : p.hostPort());
        }
        long cpus = info.resources() == null ? 0 : info.resources().nanoCpus();
        long memory = info.resources() == null ? 0 : info.resources().memoryBytes();
        String health = info.health() == null ? "none" : info.health().toString();
        return new ManagedContainer(info.id(), info.name(), ImageIdentity.imageOf(info.labels()).orElseThrow(), info.status().word(),
                health, info.exitCode(), ports, cpus == 0 ? null : cpus / 1e9, memory == 0 ? null : memory,
                info.created(), info.startedAt(), info.finishedAt(), host, info.imageId(), info.labels().get(SPEC_LABEL));
    }
}
