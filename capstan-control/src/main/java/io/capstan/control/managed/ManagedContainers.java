package io.capstan.control.managed;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LiveResourceUpdate;
import io.capstan.core.engine.OneShotStats;
import io.capstan.core.engine.WritableLayerSizes;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.ImageIdentity;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStats;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.RestartPolicy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The control plane's operations on managed containers: those it created, labelled {@code managed-by=<image>} and
 * {@code io.capstan.owner=true}. Any other container is {@link NotFoundException}, whatever the engine holds.
 * Listings come from {@link ManagedState}; every operation refreshes it before returning, so a caller reads its own
 * writes. Lifecycle events are not written here: the engine's event stream records each change once.
 */
public final class ManagedContainers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ContainerEngine engine;
    private final ManagedState state;

    public ManagedContainers(ContainerEngine engine, ManagedState state) {
        this.engine = engine;
        this.state = state;
    }

    /**
     * Creates and starts one container. If it cannot start (a port taken, say), the container is removed again
     * and the error thrown: a failed request leaves nothing behind.
     */
    public ManagedContainer create(CreateRequest request) {
        String name = request.name() != null ? request.name() : generatedName(request.image());
        var builder = ContainerSpec.builder(request.image())
                .name(name)
                .env(request.env())
                .labels(Labels.owned())
                .label(Labels.MANAGED_BY, request.image())
                .labels(ImageIdentity.labels(request.image()))
                .label(ManagedState.SPEC_LABEL, ReplicaSpec.hash(request))
                .resources(request.resources().toResources())
                // The engine never restarts a managed container by itself: a crashing image must not loop forever.
                .restart(RestartPolicy.NO);
        request.portMappings().forEach(builder::port);
        if (!request.command().isEmpty()) {
            builder.command(request.command());
        }
        String id = engine.containers().create(builder.build());
        try {
            engine.containers().start(id);
        } catch (CapstanException e) {
            removeQuietly(id);
            throw ByName.named(e, id, name);
        }
        return refresh(id);
    }

    /**
     * Creates and starts {@code count} containers in parallel, all or none: when one fails, those made are removed
     * again and the first failure is thrown.
     */
    public List<ManagedContainer> createAll(CreateRequest request, int count) {
        if (count == 1) {
            return List.of(create(request));
        }
        List<java.util.concurrent.Future<ManagedContainer>> made = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                made.add(pool.submit(() -> create(request)));
            }
        }
        List<ManagedContainer> created = new ArrayList<>();
        RuntimeException first = null;
        for (var f : made) {
            try {
                created.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = new IllegalStateException("interrupted", e);
            }
        }
        if (first != null) {
            long observed = System.nanoTime();
            created.forEach(c -> {
                removeQuietly(c.id());
                state.remove(c.id(), observed);
            });
            throw first;
        }
        return created;
    }

    public ManagedContainer start(String ref) {
        ManagedContainer c = require(ref);
        ByName.call(c.id(), c.name(), () -> {
            engine.containers().start(c.id());
            return c;
        });
        return refresh(c.id());
    }

    public ManagedContainer stop(String ref, Duration timeout) {
        ManagedContainer c = require(ref);
        ByName.call(c.id(), c.name(), () -> {
            engine.containers().stop(c.id(), timeout);
            return c;
        });
        return refresh(c.id());
    }

    /** Removes the container; without {@code force} a running one is a conflict. Returns what it was. */
    public ManagedContainer delete(String ref, boolean force) {
        ManagedContainer c = require(ref);
        long observed = System.nanoTime();
        ByName.call(c.id(), c.name(), () -> {
            engine.containers().remove(c.id(), force, true);
            return c;
        });
        state.remove(c.id(), observed);
        return c;
    }

    public List<ManagedContainer> list() {
        return state.all();
    }

    public List<ManagedContainer> instances(String image) {
        return state.ofImage(image);
    }

    /** The managed container {@code ref} names (id, id prefix or name), or {@link NotFoundException}. */
    public ManagedContainer require(String ref) {
        Optional<ManagedContainer> known = state.find(ref);
        if (known.isPresent()) {
            return known.get();
        }
        // Not seen yet (its events may still be on the way): ask the engine, and still answer only for managed ones.
        long observed = System.nanoTime();
        ContainerInfo info;
        try {
            info = engine.containers().inspect(ref);
        } catch (NotFoundException e) {
            throw notManaged(ref);
        }
        return state.update(info, observed).orElseThrow(() -> notManaged(ref));
    }

    /**
     * Starts every instance of {@code image} that is not running. An image with no instances gets one new one,
     * made from {@code whenNone}.
     */
    public List<Outcome> startImage(String image, CreateRequest whenNone) {
        List<ManagedContainer> instances = state.ofImage(image);
        if (instances.isEmpty()) {
            try {
                return List.of(Outcome.done(create(whenNone), "created"));
            } catch (CapstanException e) {
                return List.of(Outcome.failed(null, null, "create", e));
            }
        }
        return eachOf(instances.stream().filter(c -> !c.isRunning()).toList(), "started", c -> ByName.call(c.id(),
                c.name(), () -> {
                    engine.containers().start(c.id());
                    return refresh(c.id());
                }));
    }

    /** Stops every running instance of {@code image}. */
    public List<Outcome> stopImage(String image, Duration timeout) {
        return eachOf(state.ofImage(image).stream().filter(ManagedContainer::isRunning).toList(), "stopped",
                c -> ByName.call(c.id(), c.name(), () -> {
                    engine.containers().stop(c.id(), timeout);
                    return refresh(c.id());
                }));
    }

    /** Applies new CPU and memory limits to every instance of {@code image}, running ones included. */
    public List<Outcome> updateResources(String image, ResourceLimits limits) {
        if (limits.isEmpty()) {
            throw new InvalidRequestException("resources", "give cpu_limit, memory_limit or both");
        }
        return eachOf(state.ofImage(image), "updated", c -> ByName.call(c.id(), c.name(), () -> {
            engine.require(LiveResourceUpdate.class, "change the limits of a container").update(c.id(), limits.toResources());
            return refresh(c.id());
        }));
    }

    public ContainerStats stats(String ref) {
        return engine.require(OneShotStats.class, "report container stats").stats(require(ref).id());
    }

    /** Bytes in each managed container's writable layer (of one image, or all when null), where the engine says. */
    public Map<String, Long> writableLayerSizes(String image) {
        return engine.require(WritableLayerSizes.class, "report writable-layer sizes")
                .writableLayerSizes(ManagedQueries.sizesOf(image));
    }

    /** Usage since an earlier sample's counters, from one engine reading ({@link OneShotStats#statsSince}). */
    public ContainerStats statsSince(String ref, io.capstan.core.model.CpuCounters earlier) {
        return engine.require(OneShotStats.class, "report container stats").statsSince(require(ref).id(), earlier);
    }

    /** Reads every managed container from the engine into the state (at start, and after the engine comes back). */
    public void resync() {
        long observed = System.nanoTime();
        var onEngine = ManagedQueries.list(engine);
        var ids = new java.util.HashSet<String>();
        for (var summary : onEngine) {
            ids.add(summary.id());
            try {
                state.update(engine.containers().inspect(summary.id()), observed);
            } catch (NotFoundException gone) {
                state.remove(summary.id(), observed);
            }
        }
        state.all().stream().filter(c -> !ids.contains(c.id())).forEach(c -> state.remove(c.id(), observed));
    }

    /** Inspects the container and stores what the engine says now. */
    public ManagedContainer refresh(String id) {
        long observed = System.nanoTime();
        ContainerInfo info = engine.containers().inspect(id);
        return state.update(info, observed).orElseThrow(() -> notManaged(id));
    }

    private List<Outcome> eachOf(List<ManagedContainer> targets, String action,
                                 Function<ManagedContainer, ManagedContainer> op) {
        List<Outcome> outcomes = new ArrayList<>();
        for (ManagedContainer c : targets) {
            try {
                outcomes.add(Outcome.done(op.apply(c), action));
            } catch (CapstanException e) {
                outcomes.add(Outcome.failed(c.id(), c.name(), action, e));
            }
        }
        return outcomes;
    }

    private void removeQuietly(String id) {
        try {
            engine.containers().remove(id, true, true);
        } catch (CapstanException ignored) {
            // the original failure is what the caller needs to hear about
        }
    }

    private static NotFoundException notManaged(String ref) {
        return new NotFoundException("managed container", ref, "no managed container '" + ref + "'", null);
    }

    static String generatedName(String image) {
        String base = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        base = base.substring(base.lastIndexOf('/') + 1);
        int colon = base.indexOf(':');
        if (colon >= 0) {
            base = base.substring(0, colon);
        }
        base = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        if (base.startsWith("capstan-")) {
            base = base.substring("capstan-".length());
        }
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return "capstan-" + base + "-" + HexFormat.of().formatHex(suffix);
    }
}
