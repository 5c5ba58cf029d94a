package io.capstan.control.replicas;

import io.capstan.control.events.EventWriter;
import io.capstan.control.managed.CreateRequest;
import io.capstan.control.managed.InvalidRequestException;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.managed.Outcome;
import io.capstan.control.managed.ResourceLimits;
import io.capstan.control.store.DesiredImage;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.EngineInfo;
import io.capstan.core.resource.ResourceQuantities;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The desired state of every image and the reconciler that holds it. Desired states are read from the store once
 * and kept in memory; every change is written to the store first, so a failed write changes nothing.
 */
public final class Replicas implements AutoCloseable {
    private final ContainerEngine engine;
    private final Store store;
    private final ManagedContainers containers;
    private final ManagedState state;
    private final EventWriter events;
    private final String host;
    private final Map<String, DesiredImage> desired = new ConcurrentHashMap<>();
    private final Reconciler reconciler;

    public Replicas(ContainerEngine engine, Store store, ManagedContainers containers, ManagedState state,
                    EventWriter events, String host, Reconciler.Options options) {
        this.engine = engine;
        this.store = store;
        this.containers = containers;
        this.state = state;
        this.events = events;
        this.host = host;
        store.listDesired().forEach(d -> desired.put(d.image(), d));
        this.reconciler = new Reconciler(engine, containers, state, events, host, this::get,
                () -> List.copyOf(desired.keySet()), options);
        state.onChange(reconciler::trigger);
    }

    /** Starts holding every desired state (after the managed containers have been read from the engine). */
    public void start() {
        reconciler.start();
    }

    public Optional<DesiredImage> get(String image) {
        return Optional.ofNullable(desired.get(image));
    }

    public List<DesiredImage> list() {
        return desired.values().stream().sorted(java.util.Comparator.comparing(DesiredImage::image)).toList();
    }

    /** Replaces an image's desired state with the one {@code body} describes ({@code PUT}). */
    public DesiredImage put(String image, Map<String, Object> body) {
        DesiredImage d = DesiredRequest.from(image, body, desired.get(image), Instant.now());
        checkEngineCanRun(d);
        return save(d, "desired", "desired state set: " + summary(d));
    }

    /** Sets the replica count, and the range when the body gives one ({@code POST /containers/{image}/scale}). */
    public DesiredImage scale(String image, Map<String, Object> body) {
        DesiredImage d = require(image);
        for (String key : body.keySet()) {
            if (!List.of("replicas", "min_replicas", "max_replicas").contains(key)) {
                throw new InvalidRequestException(key, "unknown field: use replicas, min_replicas and max_replicas");
            }
        }
        int min = DesiredRequest.count(body, "min_replicas", d.minReplicas());
        int max = DesiredRequest.count(body, "max_replicas", Math.max(d.maxReplicas(), min));
        DesiredRequest.checkRange(min, max);
        if (!body.containsKey("replicas") && !body.containsKey("min_replicas") && !body.containsKey("max_replicas")) {
            throw new InvalidRequestException("replicas", "required: how many replicas to run, such as {\"replicas\": 3}");
        }
        int replicas = DesiredRequest.count(body, "replicas", Math.clamp(d.replicas(), min, max));
        DesiredRequest.checkReplicas(replicas, min, max);
        DesiredRequest.checkPorts(max, CreateRequest.ports(d.ports()), "max_replicas");
        DesiredImage scaled = new DesiredImage(image, min, max, replicas, d.resources(), d.env(), d.ports(),
                d.command(), d.autoscale(), Instant.now());
        checkEngineCanRun(scaled);
        return save(scaled, "scale", "scaled from " + d.replicas() + " to " + replicas + " (min " + min + ", max " + max + ")");
    }

    /** Moves the replica count (the autoscaler's decisions), recording why as an {@code autoscale} event. */
    public DesiredImage setReplicas(String image, int replicas, String reason) {
        DesiredImage d = require(image);
        return save(d.withReplicas(Math.clamp(replicas, d.minReplicas(), d.maxReplicas()), Instant.now()), "autoscale",
                reason);
    }

    /**
     * Stops managing an image: its replicas are removed, then its desired state. The count goes to zero in the store
     * first, so a control plane killed half-way finishes the removal when it starts again.
     */
    public List<Outcome> delete(String image) {
        DesiredImage d = require(image);
        return reconciler.exclusive(image, () -> {
            persist(new DesiredImage(image, 0, 0, 0, d.resources(), d.env(), d.ports(), d.command(), null,
                    Instant.now()));
            List<Outcome> removed = new ArrayList<>();
            for (ManagedContainer c : state.ofImage(image)) {
                try {
                    removed.add(Outcome.done(containers.delete(c.id(), true), "removed"));
                } catch (NotFoundException gone) {
                    // went away by itself
                } catch (CapstanException e) {
                    removed.add(Outcome.failed(c.id(), c.name(), "remove", e));
                }
            }
            if (removed.stream().allMatch(Outcome::ok)) {
                store.deleteDesired(image);
                desired.remove(image);
                record(image, "desired", "desired state deleted: " + removed.size() + " replicas removed");
            }
            return removed;
        });
    }

    /**
     * {@code POST /start/container}: one more container. With {@code min_replicas}/{@code max_replicas} in the body
     * the request also becomes the image's desired state; for an image that has one, the count goes up by one (a
     * conflict at its max).
     */
    public ManagedContainer startOne(CreateRequest request, Map<String, Object> body) {
        String image = request.image();
        boolean registers = body.containsKey("min_replicas") || body.containsKey("max_replicas");
        if (!registers && !desired.containsKey(image)) {
            return containers.create(request);
        }
        return reconciler.exclusive(image, () -> {
            int running = (int) state.ofImage(image).stream().filter(c -> !c.isDown()).count();
            DesiredImage d;
            if (registers) {
                int lo = DesiredRequest.count(body, "min_replicas", 1);
                int hi = DesiredRequest.count(body, "max_replicas", Math.max(lo, 1));
                DesiredRequest.checkRange(lo, hi);
                DesiredRequest.checkPorts(hi, request.ports(), "ports");
                d = new DesiredImage(image, lo, hi, Math.clamp(running + 1L, lo, hi), request.resources().toJson(),
                        new LinkedHashMap<>(request.env()), new LinkedHashMap<>(request.ports()), request.command(),
                        Optional.ofNullable(desired.get(image)).map(DesiredImage::autoscale).orElse(null), Instant.now());
                checkEngineCanRun(d);
                if (running >= hi) {
                    throw new ConflictException("image '" + image + "' already runs max_replicas (" + hi + ")");
                }
            } else {
                DesiredImage now = desired.get(image);
                if (running >= now.maxReplicas()) {
                    throw new ConflictException("image '" + image + "' already runs max_replicas (" + now.maxReplicas()
                            + "): raise it with POST /containers/{image}/scale");
                }
                d = now.withReplicas(Math.max(now.minReplicas(), running + 1), Instant.now());
            }
            DesiredImage before = desired.get(image);
            persist(d);
            ManagedContainer made;
            try {
                made = containers.create(request);
            } catch (CapstanException e) {
                // Nothing half-applied: the count (or the new desired state) goes back to what it was.
                if (before == null) {
                    store.deleteDesired(image);
                    desired.remove(image);
                } else {
                    persist(before);
                }
                throw e;
            }
            reconciler.changed(image);
            return made;
        });
    }

    /**
     * Applies new limits to every instance of {@code image}, live, and keeps them in its desired state so that new
     * replicas get them too. Both happen while no reconcile pass runs: a pass in between would see replicas that
     * differ from their desired state and roll them.
     */
    public List<Outcome> updateResources(String image, ResourceLimits limits) {
        if (!desired.containsKey(image)) {
            return containers.updateResources(image, limits);
        }
        return reconciler.exclusive(image, () -> {
            List<Outcome> outcomes = containers.updateResources(image, limits);
            DesiredImage d = desired.get(image);
            Map<String, Object> resources = new LinkedHashMap<>(d.resources());
            resources.putAll(limits.toJson());
            persist(d.withResources(resources, Instant.now()));
            return outcomes;
        });
    }

    /** What a new instance of {@code image} is made from: its desired state, else the image's defaults. */
    public CreateRequest template(String image) {
        return get(image).map(CreateRequest::of).orElse(CreateRequest.of(image));
    }

    private DesiredImage require(String image) {
        DesiredImage d = desired.get(image);
        if (d == null) {
            throw new NotFoundException("desired state", image, "no desired state for image '" + image
                    + "': set one with PUT /containers/{image}/desired", null);
        }
        return d;
    }

    private DesiredImage save(DesiredImage d, String event, String why) {
        persist(d);
        record(d.image(), event, why);
        reconciler.changed(d.image());
        return d;
    }

    private void persist(DesiredImage d) {
        store.upsertDesired(d);
        desired.put(d.image(), d);
    }

    /** What only the engine can judge: the image exists, and one host can give what the replicas ask. */
    private void checkEngineCanRun(DesiredImage d) {
        try {
            engine.images().inspect(d.image());
        } catch (NotFoundException e) {
            throw new InvalidRequestException("image", "no image '" + d.image() + "' on the engine: build or import it first");
        }
        EngineInfo info = engine.info();
        ResourceLimits limits = ResourceLimits.from(d.resources(), "resources");
        if (limits.nanoCpus() != null && info.cpus() > 0 && limits.nanoCpus() > info.cpus() * 1_000_000_000L) {
            throw new InvalidRequestException("resources.cpu_limit", "the host has " + info.cpus() + " CPUs, "
                    + ResourceQuantities.formatCpu(limits.nanoCpus()) + " asked for one replica");
        }
        if (limits.memoryBytes() != null && info.memoryBytes() > 0) {
            long total = limits.memoryBytes() * Math.max(1, d.minReplicas());
            if (total > info.memoryBytes()) {
                throw new InvalidRequestException("resources.memory_limit", "the host has " + mib(info.memoryBytes())
                        + " of memory; " + Math.max(1, d.minReplicas()) + " replica(s) of " + mib(limits.memoryBytes())
                        + " need " + mib(total));
            }
        }
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    private static String summary(DesiredImage d) {
        return d.replicas() + " replicas (min " + d.minReplicas() + ", max " + d.maxReplicas() + ")"
                + (d.autoscale() == null ? "" : ", autoscaling to " + d.autoscale().targetCpuPercent() + " % CPU");
    }

    private void record(String image, String event, String status) {
        events.submit(EventRecord.decision(image, null, null, host, event, status), null);
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    @Override
    public void close() {
        reconciler.close();
    }
}
