package io.capstan.control;

import io.capstan.control.events.EventGaps;
import io.capstan.control.events.EventIngestor;
import io.capstan.control.events.EventWriter;
import io.capstan.control.health.EngineFacts;
import io.capstan.control.health.HealthMonitor;
import io.capstan.control.health.HealthRule;
import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.registry.Registry;
import io.capstan.control.replicas.Autoscaler;
import io.capstan.control.replicas.Reconciler;
import io.capstan.control.replicas.Replicas;
import io.capstan.control.store.Store;
import io.capstan.control.workload.ServiceReplicas;
import io.capstan.control.workload.TaskWatcher;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.workload.Autoscaling;
import io.capstan.core.workload.RemoteImages;
import io.capstan.core.workload.WorkloadTarget;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.net.UnknownHostException;

/**
 * One running control plane: the engine, the store, the managed containers kept current from the engine's event
 * stream, and the writer that records their lifecycle. Closing it stops following events and flushes what is
 * queued; the engine and the store belong to the caller.
 */
public final class ControlPlane implements AutoCloseable {
    /** How long the engine's replay has to arrive before what it lacks is looked for. */
    private static final Duration GAP_SETTLE = Duration.ofSeconds(3);

    /**
     * @param healthInterval  how often every managed container is sampled (the seed's {@code HEALTH_INTERVAL_SECONDS})
     * @param healthRetention how long samples are kept ({@code HEALTH_RETENTION_DAYS})
     */
    public record Options(Duration healthInterval, Duration healthRetention, HealthRule rule,
                          Reconciler.Options reconcile) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(60), Duration.ofDays(7), HealthRule.DEFAULT,
                Reconciler.Options.DEFAULT);
    }

    private final ContainerEngine engine;
    private final Store store;
    private final ManagedState state;
    private final ManagedContainers containers;
    private final EventWriter events;
    private final EventGaps gaps;
    private volatile EventIngestor ingestor;
    private final HealthMonitor health;
    private final EngineFacts engineFacts;
    private final Replicas replicas;
    private final HealthRule rule;
    private final String host;
    private final Registry registry;
    private final Options options;
    /** On a workload target: what reads its tasks (instead of the engine's container events); null on the engine. */
    private final TaskWatcher tasks;
    private final WorkloadTarget target;
    private volatile boolean running;

    private ControlPlane(ContainerEngine engine, Store store, Options options, WorkloadTarget target) {
        this.engine = engine;
        this.store = store;
        this.options = options;
        this.host = hostName();
        this.rule = options.rule();
        this.state = new ManagedState(host);
        this.containers = new ManagedContainers(engine, state);
        this.events = new EventWriter(store);
        this.gaps = new EventGaps(store, events, host, this::goneFromEngine);
        this.registry = new Registry(store, java.time.Clock.systemUTC());
        this.target = target;
        this.tasks = target == null ? null : new TaskWatcher(target, state, events, TASK_POLL);
        try {
            this.replicas = target == null
                    ? new Replicas(engine, store, containers, state, events, host, options.reconcile())
                    : new Replicas(engine, store, containers, state, events, host, (desired, images) ->
                    new ServiceReplicas(target, imageIds(engine, target), state, events, host,
                            desired, images,
                            options.reconcile().resync(), tasks::pollNow));
        } catch (RuntimeException e) {
            events.close();
            throw e;
        }
        this.health = new HealthMonitor(containers, store, options.rule(), host, options.healthRetention());
        this.engineFacts = new EngineFacts(engine);
    }

    /** Starts following the engine; throws if the engine or the database does not answer. */
    public static ControlPlane start(ContainerEngine engine, Store store) {
        return start(engine, store, Options.DEFAULT);
    }

    public static ControlPlane start(ContainerEngine engine, Store store, Options options) {
        ControlPlane plane = open(engine, store, options);
        try {
            return plane.run();
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    /**
     * A control plane that does nothing yet: no events followed, no reconciling, no sampling. The server binds its
     * port with it first, so that a server that cannot listen never acts; {@link #run()} then starts it.
     */
    public static ControlPlane open(ContainerEngine engine, Store store, Options options) {
        return new ControlPlane(engine, store, options, null);
    }

    /**
     * A control plane whose desired images run as workloads of {@code target} (one service each) rather than as
     * containers the control plane holds itself; {@link #run()} starts it.
     */
    public static ControlPlane open(ContainerEngine engine, Store store, Options options, WorkloadTarget target) {
        return new ControlPlane(engine, store, options, java.util.Objects.requireNonNull(target));
    }

    /**
     * The engine's id of an image, which rolls a service when its tag was rebuilt; nothing on a target whose nodes
     * pull images themselves, where this engine's images say nothing.
     */
    private static java.util.function.Function<String, String> imageIds(ContainerEngine engine, WorkloadTarget target) {
        if (target.capability(RemoteImages.class).isPresent()) {
            return image -> null;
        }
        return image -> engine.images().inspect(image).id();
    }

    /** How often the tasks of a workload target are read. */
    private static final Duration TASK_POLL = Duration.ofSeconds(1);

    /** Follows the engine's events, then adopts the managed containers and converges, then samples health. */
    public synchronized ControlPlane run() {
        if (running) {
            return this;
        }
        if (tasks != null) {
            tasks.start();
        } else {
            Instant since = store.lastEngineEventTime().orElse(null);
            this.ingestor = EventIngestor.start(engine, containers, state, events, host, since);
            // what the engine's replay could not give back, on this start and after each lost event stream
            lookForLostEvents(since);
            ingestor.onReconnect(this::lookForLostEvents);
        }
        // The managed containers are known now: adopt them and converge to every desired state.
        replicas.start();
        if (target == null || target.capability(Autoscaling.class).isEmpty()) {
            health.afterEachCycle(new Autoscaler(replicas, state, java.time.Clock.systemUTC())::observe);
        }
        engineFacts.refresh();
        health.afterEachCycle(samples -> engineFacts.refresh());
        health.every(options.healthInterval());
        running = true;
        return this;
    }

    /** Whether {@link #run()} has started it: until then the API answers 503. */
    public boolean running() {
        return running;
    }

    /** Desired states and the reconciler holding them. */
    public Replicas replicas() {
        return replicas;
    }

    /** The service registry's endpoints, kept in the store. */
    public Registry registry() {
        return registry;
    }

    public HealthMonitor health() {
        return health;
    }

    /** The engine's own figures and its images, as last read (at start and after each health cycle). */
    public EngineFacts engineFacts() {
        return engineFacts;
    }

    /** The one rule that classifies usage, for the monitor and the API alike. */
    public HealthRule rule() {
        return rule;
    }

    public ContainerEngine engine() {
        return engine;
    }

    public Store store() {
        return store;
    }

    public ManagedContainers containers() {
        return containers;
    }

    public ManagedState state() {
        return state;
    }

    public EventWriter events() {
        return events;
    }

    /** The workload target desired images run on, empty when they run as containers of the engine. */
    public java.util.Optional<WorkloadTarget> workloadTarget() {
        return java.util.Optional.ofNullable(target);
    }

    public boolean engineConnected() {
        if (tasks != null) {
            return tasks.connected();
        }
        EventIngestor i = ingestor;
        return i != null && i.connected();
    }

    /** Waits until every event seen so far is in the store (tests, shutdown). */
    public boolean settle(Duration timeout) throws InterruptedException {
        EventIngestor i = ingestor;
        if (i != null) {
            i.drain(timeout);
        }
        if (tasks != null && running) {
            tasks.pollNow();
        }
        return events.flush(timeout);
    }

    private boolean goneFromEngine(String id) {
        try {
            engine.containers().inspect(id);
            return false;
        } catch (io.capstan.core.error.NotFoundException e) {
            return true;
        }
    }

    private void lookForLostEvents(Instant since) {
        if (since != null) {
            gaps.recordWhenSettled(state::all, since, () -> {
                Thread.sleep(GAP_SETTLE.toMillis());
                if (!settle(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("events still queued for " + store.location());
                }
            });
        }
    }

    /** The name recorded as {@code host} in events and health rows. */
    public String host() {
        return host;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    @Override
    public void close() {
        gaps.close();
        health.close();
        replicas.close();
        if (tasks != null) {
            tasks.close();
        }
        EventIngestor i = ingestor;
        if (i != null) {
            i.close();
        }
        events.close();
    }
}
