package io.capstan.tck.fake;

import io.capstan.core.model.EventKind;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerOperations;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.ImageOperations;
import io.capstan.core.engine.NetworkOperations;
import io.capstan.core.engine.Subscription;
import io.capstan.core.engine.VolumeOperations;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EngineInfo;
import io.capstan.core.model.Health;
import io.capstan.core.model.ImageInfo;
import io.capstan.core.model.LogLine;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An in-memory {@link ContainerEngine} for fast tests: containers, networks, volumes and images as objects, and an
 * event stream with the real one's guarantee (whatever happens after {@link #events} returns is delivered, in order).
 * No process runs: a test says what a container's process does ({@link #exit}, {@link #log}, {@link #health}),
 * which images exist ({@link #addImage}) and which starts fail ({@link #failStarts}); a start whose host port another
 * running container holds fails as the engine's does. Thread-safe; ids and names
 * come out the same on every run. It offers the {@link io.capstan.core.engine.NetworkAliases} and
 * {@link io.capstan.core.engine.LiveResourceUpdate} capabilities; it cannot exec, attach, build or push, and it
 * applies no restart policy.
 */
public final class FakeEngine implements ContainerEngine {
    private final FakeWorld world;
    private final FakeContainers containers;
    private final FakeImages images;
    private final FakeNetworks networks;
    private final FakeVolumes volumes;

    /**
     * One call to the engine: {@code operation} such as {@code containers.inspect} or {@code images.list}, and the
     * object it names as the caller gave it ({@code null} for listings).
     */
    public record Call(String operation, String ref) {
    }

    public FakeEngine() {
        this(Clock.systemUTC());
    }

    /** An engine whose events and timestamps read {@code clock}. */
    public FakeEngine(Clock clock) {
        this.world = new FakeWorld(clock);
        this.volumes = new FakeVolumes(world);
        this.containers = new FakeContainers(world, volumes);
        this.images = new FakeImages(world);
        this.networks = new FakeNetworks(world);
    }

    /** Makes an image known under {@code ref} ({@code repository[:tag]}), as if built or pulled; returns it. */
    public ImageInfo addImage(String ref) {
        synchronized (world.lock) {
            return images.add(ref, "sha256:" + world.newId("image"));
        }
    }

    /** The container's process ends by itself with {@code exitCode} (a die event follows). */
    public void exit(String ref, int exitCode) {
        synchronized (world.lock) {
            FakeContainer c = world.container(ref);
            if (c.status != ContainerStatus.RUNNING) {
                throw new IllegalStateException("container " + ref + " is not running");
            }
            containers.end(c, exitCode);
        }
    }

    /** The container writes {@code text} as a line to {@code stream}; followers of its logs receive it. */
    public void log(String ref, LogLine.Stream stream, String text) {
        containers.log(ref, new LogLine(stream, text));
    }

    /** The container's healthcheck now reports {@code health} (a {@code health_status} event follows). */
    public void health(String ref, Health health) {
        synchronized (world.lock) {
            FakeContainer c = world.container(ref);
            c.health = health;
            world.publish("container", EventKind.HEALTH, "health_status: " + health.word(), c.id, c.eventAttributes());
        }
    }

    /** Starting this container fails with {@code failure} from now on; null lets it start again. */
    public void failStarts(String ref, RuntimeException failure) {
        containers.failStarts(ref, failure);
    }

    /**
     * Tells {@code observer} of every call made to the engine, on the caller's thread before the call is served:
     * a test counts calls, or holds them up as a loaded engine would, or throws to make the call fail.
     */
    public void observeCalls(Consumer<Call> observer) {
        world.observe(observer);
    }

    /**
     * Waits until every event so far went through every subscriber's listener: then a test knows what a listener was
     * told. False if {@code timeout} passed first.
     */
    public boolean awaitEventsDelivered(java.time.Duration timeout) throws InterruptedException {
        return world.awaitDelivered(timeout);
    }

    @Override
    public EngineInfo info() {
        world.called("info", null);
        synchronized (world.lock) {
            int running = (int) world.containers.values().stream().filter(FakeContainer::running).count();
            return new EngineInfo("fake://", "Capstan fake engine", "1.0", "1.0", "linux", "amd64", "", "memory", 0,
                    world.containers.size(), running, world.images.size(), 1, 0, "");
        }
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        for (Object offering : new Object[]{containers, networks}) {
            if (type.isInstance(offering)) {
                return Optional.of(type.cast(offering));
            }
        }
        return Optional.empty();
    }

    @Override
    public ContainerOperations containers() {
        return containers;
    }

    @Override
    public ImageOperations images() {
        return images;
    }

    @Override
    public NetworkOperations networks() {
        return networks;
    }

    @Override
    public VolumeOperations volumes() {
        return volumes;
    }

    @Override
    public Subscription events(EventFilter filter, Consumer<EngineEvent> listener) {
        world.called("events", null);
        return world.subscribe(filter, listener);
    }

    @Override
    public void close() {
        // nothing held outside memory
    }
}
