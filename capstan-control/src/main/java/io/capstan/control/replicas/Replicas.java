package io.capstan.control.replicas;

import io.capstan.core.text.Counted;
import io.capstan.control.events.EventWriter;
import io.capstan.control.managed.CreateRequest;
import io.capstan.control.managed.InvalidRequestException;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.managed.Outcome;
import io.capstan.control.managed.ReplicaSpec;
import io.capstan.control.managed.ResourceLimits;
import io.capstan.control.store.DesiredImage;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.EngineInfo;
import io.capstan.core.model.ImageInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

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
    private final ReplicaPlacement reconciler;
    /** The reference's default range top for a start that gives {@code min_replicas} only. */
    private static final int DEFAULT_MAX_REPLICAS = 5;

    public Replicas(ContainerEngine engine, Store store, ManagedContainers containers, ManagedState state,
                    EventWriter events, String host, Reconciler.Options options) {
        this(engine, store, containers, state, events, host, (desired, images) ->
                new Reconciler(engine, containers, state, events, host, desired, images, options));
    }

    /** Desired states whose replicas {@code placement} makes and holds. */
    public Replicas(ContainerEngine engine, Store store, ManagedContainers containers, ManagedState state,
                    EventWriter events, String host, ReplicaPlacement.Factory placement) {
        this.engine = engine;
        this.store = store;
        this.containers = containers;
        this.state = state;
        this.events = events;
        this.host = host;
        store.listDesired().forEach(d -> desired.put(d.image(), d));
        this.reconciler = placement.create(this::get, () -> List.copyOf(desired.keySet()));
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
        DesiredImage previous = desired.get(image);
        DesiredImage d = DesiredRequest.from(image, body, previous, Instant.now());
        if (previous != null) {
            d = d.withStopped(previous.stopped(), d.updatedAt());
        }
        checkEngineCanRun(d);
        return save(d, "desired", "desired state set: " + summary(d));
    }

    /** Sets the replica count, and the range when the body gives one ({@code POST /containers/{image}/scale}). */
    public DesiredImage scale(String image, Map<String, Object> body) {
        DesiredImage d = require(image);
        for (String key : body.keySet()) {
            if (!List.of("replicas", "min_replicas", "max_replicas").contains(key)) {
                throw InvalidRequestException.unknown(key, "unknown field: use replicas, min_replicas and max_replicas");
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
                d.command(), d.autoscale(), Instant.now(), d.stopped());
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
            List<Outcome> removed = reconciler.removeAll(image);
            if (removed.stream().allMatch(Outcome::ok)) {
                store.deleteDesired(image);
                desired.remove(image);
                record(image, "desired", "desired state deleted: " + Counted.of(removed.size(), "replica") + " removed");
            }
            return removed;
        });
    }

    /**
     * Starts new containers ({@code POST /start/container}, or {@code POST /containers/{image}/start} with a body): all
     * {@link StartRequest#count()} of them, or none. With {@code min_replicas}/{@code max_replicas} the request also
     * becomes the image's desired state; for an image that has one, its count goes up by as many (a conflict beyond its
     * max). A request that publishes no port publishes every port the image EXPOSEs, each on a free host port.
     */
    public ReplicaChange start(StartRequest r) {
        reconciler.checkPerReplica("starting containers one by one");
        String image = r.container().image();
        ImageInfo info = requireImage(image);
        CreateRequest request = r.container();
        if (!request.resources().isEmpty()) {
            HostCapacity.check(engine.info(), request.resources(), 1, "resources");
        }
        if (request.ports().isEmpty() && (r.registers() || !desired.containsKey(image))) {
            Map<String, Integer> exposed = new LinkedHashMap<>();
            info.exposedPorts().forEach(p -> exposed.put(p, 0));
            request = request.withPorts(exposed);
        }
        if (!r.registers() && !desired.containsKey(image)) {
            return changed(containers.createAll(request, r.count()), "created", null);
        }
        CreateRequest asked = request;
        return reconciler.exclusive(image, () -> {
            DesiredImage before = desired.get(image);
            // More replicas of a desired image are made as its desired state says, or the reconciler would replace them.
            CreateRequest made = r.registers() || before == null ? asked : DesiredTemplate.forStart(asked, before);
            int running = (int) state.ofImage(image).stream().filter(c -> !c.isDown()).count();
            int total = Math.max(before == null ? 0 : before.replicas(), running) + r.count();
            DesiredImage d;
            if (r.registers()) {
                boolean fixedPort = ReplicaSpec.bindsFixedHostPort(made.ports());
                int lo = r.minReplicas() != null ? r.minReplicas() : 1;
                int hi = r.maxReplicas() != null ? r.maxReplicas() : Math.max(lo, DEFAULT_MAX_REPLICAS);
                if (fixedPort && hi > 1) {
                    // Only one container can bind a fixed host port: the range says so rather than failing later.
                    DesiredRequest.checkPorts(total, made.ports(), "ports");
                    hi = 1;
                }
                if (total > hi) {
                    throw tooMany(image, running, r.count(), hi);
                }
                d = new DesiredImage(image, Math.min(lo, total), hi, total, made.resources().toJson(),
                        new LinkedHashMap<>(made.env()), new LinkedHashMap<>(made.ports()), made.command(),
                        before == null ? null : before.autoscale(), Instant.now(),
                        before == null ? List.of() : before.stopped());
                checkEngineCanRun(d);
            } else {
                if (total > before.maxReplicas()) {
                    throw tooMany(image, running, r.count(), before.maxReplicas());
                }
                d = before.withReplicas(Math.max(before.minReplicas(), total), Instant.now());
            }
            persist(d);
            List<ManagedContainer> created;
            try {
                created = containers.createAll(made, r.count());
            } catch (CapstanException e) {
                // Nothing half-applied: the count (or the new desired state) goes back to what it was.
                restore(image, before);
                throw e;
            }
            record(image, before == null ? "desired" : "scale", "started " + r.count() + " through the API: "
                    + (before == null ? "desired state set: " + summary(d) : before.replicas() + " -> "
                    + Counted.of(d.replicas(), "replica")));
            reconciler.changed(image);
            return changed(created, "created", d.replicas());
        });
    }

    /**
     * Stops one container. A replica of a desired image stays stopped: the image's count goes down by one (never below
     * 0) and the reconciler leaves the container alone until a request starts or removes it.
     */
    public ReplicaChange stop(ManagedContainer c, Duration timeout) {
        reconciler.checkPerReplica("stopping a replica");
        return forReplica(c, d -> {
            DesiredImage after = d.stopped().contains(c.id()) ? d
                    : d.withRequestedReplicas(d.replicas() - 1, plus(d, List.of(c.id())), Instant.now());
            return new Step(after, () -> containers.stop(c.id(), timeout), "stopped");
        });
    }

    /**
     * Starts one container. Starting a replica a request had stopped raises its image's count by one again, within
     * {@code max_replicas} (a conflict beyond).
     */
    public ReplicaChange start(ManagedContainer c) {
        reconciler.checkPerReplica("starting a replica");
        return forReplica(c, d -> {
            DesiredImage after = d;
            if (d.stopped().contains(c.id())) {
                if (d.replicas() + 1 > d.maxReplicas()) {
                    throw new ConflictException("image '" + c.image() + "' already runs max_replicas ("
                            + d.maxReplicas() + "): raise it with POST /containers/{image}/scale before starting "
                            + c.name());
                }
                after = d.withRequestedReplicas(d.replicas() + 1, minus(d, c.id()), Instant.now());
            }
            return new Step(after, () -> containers.start(c.id()), "started");
        });
    }

    /**
     * Removes one container ({@code force}: a running one too). Removing a replica of a desired image lowers its
     * count by one, unless a request had stopped it (then it no longer counted).
     */
    public ReplicaChange delete(ManagedContainer c, boolean force) {
        reconciler.checkPerReplica("removing a replica");
        return forReplica(c, d -> {
            DesiredImage after = d.stopped().contains(c.id())
                    ? d.withStopped(minus(d, c.id()), Instant.now())
                    : d.withRequestedReplicas(d.replicas() - 1, minus(d, c.id()), Instant.now());
            return new Step(after, () -> containers.delete(c.id(), force), "removed");
        });
    }

    /** Stops every running container of {@code image}; for a desired image, as {@link #stop(ManagedContainer, Duration)} each. */
    public ReplicaChange stopImage(String image, Duration timeout) {
        reconciler.checkPerReplica("stopping an image's replicas");
        List<ManagedContainer> running = state.ofImage(image).stream().filter(ManagedContainer::isRunning).toList();
        if (!desired.containsKey(image)) {
            return new ReplicaChange(containers.stopImage(image, timeout), null);
        }
        List<Outcome> outcomes = new ArrayList<>();
        running.forEach(c -> outcomes.add(attempt(c, "stopped", () -> stop(c, timeout))));
        return new ReplicaChange(outcomes, get(image).map(DesiredImage::replicas).orElse(null));
    }

    /**
     * Starts every stopped container of {@code image} (for a desired image, as {@link #start(ManagedContainer)} each);
     * an image with none gets one new one, from its desired state or the image's defaults.
     */
    public ReplicaChange startImage(String image) {
        reconciler.checkPerReplica("starting an image's replicas");
        List<ManagedContainer> instances = state.ofImage(image);
        if (instances.isEmpty()) {
            try {
                return start(new StartRequest(template(image), 1, null, null));
            } catch (CapstanException e) {
                return new ReplicaChange(List.of(Outcome.failed(null, null, "create", e)),
                        get(image).map(DesiredImage::replicas).orElse(null));
            }
        }
        if (!desired.containsKey(image)) {
            return new ReplicaChange(containers.startImage(image, template(image)), null);
        }
        List<Outcome> outcomes = new ArrayList<>();
        instances.stream().filter(c -> !c.isRunning())
                .forEach(c -> outcomes.add(attempt(c, "started", () -> start(c))));
        return new ReplicaChange(outcomes, get(image).map(DesiredImage::replicas).orElse(null));
    }

    /** What a request changes in the desired state, and the engine operation that goes with it. */
    private record Step(DesiredImage after, Supplier<ManagedContainer> operation, String action) {
    }

    /**
     * The desired state changes first, while no reconcile pass runs, then the engine acts; if the engine refuses, the
     * desired state goes back to what it was.
     */
    private ReplicaChange forReplica(ManagedContainer c, Function<DesiredImage, Step> plan) {
        String image = c.image();
        if (!desired.containsKey(image)) {
            Step step = plan.apply(placeholder(image));
            return changed(List.of(step.operation().get()), step.action(), null);
        }
        return reconciler.exclusive(image, () -> {
            DesiredImage before = desired.get(image);
            if (before == null) {
                Step step = plan.apply(placeholder(image));
                return changed(List.of(step.operation().get()), step.action(), null);
            }
            Step step = plan.apply(before);
            boolean changes = !step.after().equals(before);
            if (changes) {
                persist(step.after());
            }
            ManagedContainer result;
            try {
                result = step.operation().get();
            } catch (CapstanException e) {
                if (changes) {
                    persist(before);
                }
                throw e;
            }
            if (step.after().replicas() != before.replicas()) {
                record(image, "scale", c.name() + " " + step.action() + " through the API: " + before.replicas()
                        + " -> " + Counted.of(step.after().replicas(), "replica"));
            }
            reconciler.trigger(image);
            return changed(List.of(result), step.action(), step.after().replicas());
        });
    }

    /** Stands in for the desired state of an image that has none: the plan's count is then not used. */
    private static DesiredImage placeholder(String image) {
        return new DesiredImage(image, 0, Integer.MAX_VALUE, 0, Map.of(), Map.of(), Map.of(), List.of(), null,
                Instant.EPOCH);
    }

    private static Outcome attempt(ManagedContainer c, String action, Supplier<ReplicaChange> op) {
        try {
            return op.get().outcomes().getFirst();
        } catch (CapstanException e) {
            return Outcome.failed(c.id(), c.name(), action, e);
        }
    }

    private static ReplicaChange changed(List<ManagedContainer> made, String action, Integer count) {
        return new ReplicaChange(made.stream().map(c -> Outcome.done(c, action)).toList(), count);
    }

    /** The held-stopped ids plus {@code more}, less those of containers that are gone. */
    private List<String> plus(DesiredImage d, List<String> more) {
        var present = new java.util.HashSet<>(state.ofImage(d.image()).stream().map(ManagedContainer::id).toList());
        List<String> ids = new ArrayList<>(d.stopped().stream().filter(present::contains).toList());
        more.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    private List<String> minus(DesiredImage d, String id) {
        return plus(d, List.of()).stream().filter(x -> !x.equals(id)).toList();
    }

    private static ConflictException tooMany(String image, int running, int count, int max) {
        return new ConflictException(running >= max
                ? "image '" + image + "' already runs max_replicas (" + max + "): raise it with POST /containers/{image}/scale"
                : "image '" + image + "' runs " + running + " and " + count + " more would exceed max_replicas (" + max
                + "): raise it with POST /containers/{image}/scale");
    }

    private ImageInfo requireImage(String image) {
        try {
            return engine.images().inspect(image);
        } catch (NotFoundException e) {
            throw new NotFoundException("image", image, "no image '" + image + "' on the engine: build, pull or import "
                    + "it first", e);
        }
    }

    private void restore(String image, DesiredImage before) {
        if (before == null) {
            store.deleteDesired(image);
            desired.remove(image);
        } else {
            persist(before);
        }
    }

    /**
     * Applies new limits to every instance of {@code image}, live, and keeps them in its desired state so that new
     * replicas get them too. Both happen while no reconcile pass runs: a pass in between would see replicas that
     * differ from their desired state and roll them. Limits the host cannot give are refused before anything changes,
     * and when the engine refuses them for every instance the desired state stays as it was.
     *
     * @param field where the limits are in the request, for the message ({@code resources} or {@code body})
     */
    public List<Outcome> updateResources(String image, ResourceLimits limits, String field) {
        reconciler.checkPerReplica("changing the limits of running replicas (set them in PUT /containers/{image}/desired)");
        EngineInfo host = engine.info();
        DesiredImage current = desired.get(image);
        HostCapacity.check(host, limits, current == null ? 1 : current.minReplicas(), field);
        if (current == null) {
            return containers.updateResources(image, limits);
        }
        return reconciler.exclusive(image, () -> {
            List<Outcome> outcomes = containers.updateResources(image, limits);
            if (!outcomes.isEmpty() && outcomes.stream().noneMatch(Outcome::ok)) {
                return outcomes;
            }
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
        if (!reconciler.judgedByEngine()) {
            return;
        }
        try {
            engine.images().inspect(d.image());
        } catch (NotFoundException e) {
            throw new InvalidRequestException("image", "no image '" + d.image() + "' on the engine: build or import it first");
        }
        HostCapacity.check(engine.info(), ResourceLimits.from(d.resources(), "resources"), d.minReplicas(), "resources");
    }

    private static String summary(DesiredImage d) {
        return Counted.of(d.replicas(), "replica") + " (min " + d.minReplicas() + ", max " + d.maxReplicas() + ")"
                + (d.autoscale() == null ? "" : ", autoscaling to " + d.autoscale().targetCpuPercent() + " % CPU");
    }

    private void record(String image, String event, String status) {
        events.submit(EventRecord.decision(image, null, null, host, event, status), null);
    }

    /** Where the replicas live and who holds their count. */
    public ReplicaPlacement reconciler() {
        return reconciler;
    }

    @Override
    public void close() {
        reconciler.close();
    }
}
