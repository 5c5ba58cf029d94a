package io.capstan.tck.fake;

import io.capstan.core.model.EventKind;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.ContainerOperations;
import io.capstan.core.engine.ExecOptions;
import io.capstan.core.engine.LiveResourceUpdate;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.engine.TerminalSize;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.model.Health;
import io.capstan.core.model.ImageInfo;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.NetworkAttachment;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.core.spec.VolumeSpec;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Containers of the fake engine. Nothing runs in them: a started container runs until it is stopped, killed, or
 * told to exit ({@link FakeEngine#exit}); its logs are the lines it was fed ({@link FakeEngine#log}).
 */
final class FakeContainers implements ContainerOperations, LiveResourceUpdate {
    private static final Map<String, Integer> SIGNALS = Map.of("HUP", 1, "INT", 2, "QUIT", 3, "KILL", 9,
            "USR1", 10, "USR2", 12, "TERM", 15);

    private final FakeWorld world;
    private final FakeVolumes volumes;
    private final Map<String, RuntimeException> failingStarts = new HashMap<>();
    private int nextHostPort = 32768;
    private int unnamed;

    FakeContainers(FakeWorld world, FakeVolumes volumes) {
        this.world = world;
        this.volumes = volumes;
    }

    @Override
    public String create(ContainerSpec spec) {
        world.called("containers.create", spec.name());
        synchronized (world.lock) {
            ImageInfo image = world.image(spec.image());
            String name = spec.name() != null ? spec.name() : "fake_" + (++unnamed);
            if (world.containers.values().stream().anyMatch(c -> c.name.equals(name))) {
                throw new ConflictException("container name '" + name
                        + "' is already in use: choose another name or remove the existing container");
            }
            spec.networks().stream().map(NetworkAttachment::network).forEach(world::network);
            for (Mount m : spec.mounts()) {
                if (m.type() == Mount.Type.VOLUME && m.source() != null && !world.volumes.containsKey(m.source())) {
                    volumes.add(new VolumeSpec(m.source(), null, Map.of()));
                }
            }
            FakeContainer c = new FakeContainer(world.newId("container"), name, spec, image.id(), world.now());
            world.containers.put(c.id, c);
            world.publish("container", EventKind.CREATED, "create", c.id, c.eventAttributes());
            return c.id;
        }
    }

    @Override
    public void start(String ref) {
        world.called("containers.start", ref);
        synchronized (world.lock) {
            start(world.container(ref));
        }
    }

    private void start(FakeContainer c) {
        if (c.running()) {
            return;
        }
        RuntimeException failure = failingStarts.get(c.id);
        if (failure != null) {
            throw failure;
        }
        List<PortMapping> bound = bind(c);
        c.status = ContainerStatus.RUNNING;
        c.startedAt = world.now();
        c.exitCode = 0;
        c.health = c.spec.healthCheck() == null ? Health.NONE : Health.STARTING;
        c.boundPorts = bound;
        world.publish("container", EventKind.STARTED, "start", c.id, c.eventAttributes());
    }

    /**
     * The host ports the container gets: a free one where it asked for none, the first free one of a range, and the
     * one it named unless another running container holds it (then the start fails, as the engine's does).
     */
    private List<PortMapping> bind(FakeContainer c) {
        List<PortMapping> bound = new ArrayList<>();
        for (PortMapping p : c.spec.ports()) {
            if (p.hostPort() == 0) {
                bound.add(new PortMapping(p.containerPort(), p.protocol(), p.hostIp(), nextHostPort++));
                continue;
            }
            int port = p.hostPort();
            while (port <= p.hostPortEnd() && (held(p, port, bound) || held(p, port, c))) {
                port++;
            }
            if (port > p.hostPortEnd()) {
                throw new ConflictException("container '" + c.name + "': host port " + p.hostPorts()
                        + " is already in use: publish on another port or stop what uses it");
            }
            bound.add(new PortMapping(p.containerPort(), p.protocol(), p.hostIp(), port));
        }
        return bound;
    }

    private boolean held(PortMapping wanted, int port, FakeContainer starting) {
        return world.containers.values().stream().filter(o -> o != starting && o.running())
                .anyMatch(o -> held(wanted, port, o.boundPorts));
    }

    /** Bound to the same port and protocol on the same address, or on all addresses on either side. */
    private static boolean held(PortMapping wanted, int port, List<PortMapping> bound) {
        return bound.stream().anyMatch(b -> b.hostPort() == port && b.protocol().equals(wanted.protocol())
                && (b.hostIp().isEmpty() || wanted.hostIp().isEmpty() || b.hostIp().equals(wanted.hostIp())));
    }

    @Override
    public void stop(String ref, Duration timeout) {
        world.called("containers.stop", ref);
        synchronized (world.lock) {
            stop(world.container(ref));
        }
    }

    private void stop(FakeContainer c) {
        if (c.running()) {
            signal(c, "TERM");
            end(c, 128 + 15);
            world.publish("container", EventKind.STOPPED, "stop", c.id, c.eventAttributes());
        }
    }

    @Override
    public void restart(String ref, Duration timeout) {
        world.called("containers.restart", ref);
        synchronized (world.lock) {
            FakeContainer c = world.container(ref);
            stop(c);
            start(c);
            world.publish("container", EventKind.RESTARTED, "restart", c.id, c.eventAttributes());
        }
    }

    @Override
    public void kill(String ref, String signal) {
        world.called("containers.kill", ref);
        synchronized (world.lock) {
            FakeContainer c = world.container(ref);
            if (!c.running()) {
                throw new ConflictException("container '" + ref + "' is not running: start it first");
            }
            String name = signal == null || signal.isBlank() ? "KILL" : signal.toUpperCase(java.util.Locale.ROOT)
                    .replaceFirst("^SIG", "");
            signal(c, name);
            end(c, 128 + SIGNALS.getOrDefault(name, 9));
        }
    }

    private void signal(FakeContainer c, String name) {
        Map<String, String> attributes = new java.util.LinkedHashMap<>(c.eventAttributes());
        attributes.put("signal", String.valueOf(SIGNALS.getOrDefault(name, 9)));
        world.publish("container", EventKind.KILLED, "kill", c.id, attributes);
    }

    /** The container's process ended with {@code code}: it is exited, its followers are done, a die event goes out. */
    void end(FakeContainer c, int code) {
        c.status = ContainerStatus.EXITED;
        c.exitCode = code;
        c.finishedAt = world.now();
        c.boundPorts = List.of();
        c.followers.forEach(QueuedStream::finish);
        Map<String, String> attributes = new java.util.LinkedHashMap<>(c.eventAttributes());
        attributes.put("exitCode", String.valueOf(code));
        world.publish("container", EventKind.DIED, "die", c.id, attributes);
    }

    @Override
    public void remove(String ref, boolean force, boolean removeVolumes) {
        world.called("containers.remove", ref);
        synchronized (world.lock) {
            FakeContainer c = world.container(ref);
            if (c.running() && !force) {
                throw new ConflictException("container '" + ref + "' is running: stop it first or remove it with --force");
            }
            if (c.running()) {
                signal(c, "KILL");
                end(c, 128 + 9);
            }
            world.containers.remove(c.id);
            world.publish("container", EventKind.DESTROYED, "destroy", c.id, c.eventAttributes());
        }
    }

    @Override
    public List<ContainerSummary> list(ContainerFilter filter) {
        world.called("containers.list", null);
        synchronized (world.lock) {
            return world.containers.values().stream()
                    .filter(c -> filter.all() || c.running())
                    .filter(c -> filter.name() == null || c.name.contains(filter.name()))
                    .filter(c -> carries(c.spec.labels(), filter.labels()))
                    .sorted(Comparator.comparing((FakeContainer c) -> c.created).reversed())
                    .map(FakeContainer::summary).toList();
        }
    }

    static boolean carries(Map<String, String> labels, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(w -> labels.containsKey(w.getKey())
                && (w.getValue().isEmpty() || w.getValue().equals(labels.get(w.getKey()))));
    }

    @Override
    public ContainerInfo inspect(String ref) {
        world.called("containers.inspect", ref);
        synchronized (world.lock) {
            return world.container(ref).info();
        }
    }

    @Override
    public Subscription logs(String ref, LogOptions options, Consumer<LogLine> sink) {
        world.called("containers.logs", ref);
        synchronized (world.lock) {
            FakeContainer c = world.container(ref);
            QueuedStream<LogLine> stream = new QueuedStream<>(sink, s -> {
                synchronized (world.lock) {
                    c.followers.remove(s);
                }
            });
            List<FakeContainer.Line> lines = c.logs.stream()
                    .filter(l -> options.since() == null || !l.time().isBefore(options.since()))
                    .filter(l -> options.until() == null || l.time().isBefore(options.until())).toList();
            if (options.tail() >= 0 && lines.size() > options.tail()) {
                lines = lines.subList(lines.size() - options.tail(), lines.size());
            }
            lines.forEach(l -> stream.offer(options.timestamps() ? stamped(l) : l.line()));
            if (options.follow() && c.running()) {
                c.followers.add(stream);
            } else {
                stream.finish();
            }
            return stream.start();
        }
    }

    private static LogLine stamped(FakeContainer.Line l) {
        return new LogLine(l.line().stream(), l.time() + " " + l.line().text());
    }

    /** Appends a line to the container's log and to every stream following it. */
    void log(String ref, LogLine line) {
        synchronized (world.lock) {
            FakeContainer c = world.container(ref);
            c.logs.add(new FakeContainer.Line(line, world.now()));
            c.followers.forEach(f -> f.offer(line));
        }
    }

    /** From now on, starting the container fails with {@code failure} (null: starts work again). */
    void failStarts(String ref, RuntimeException failure) {
        synchronized (world.lock) {
            String id = world.container(ref).id;
            if (failure == null) {
                failingStarts.remove(id);
            } else {
                failingStarts.put(id, failure);
            }
        }
    }

    @Override
    public int exec(String ref, ExecOptions options, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        world.called("containers.exec", ref);
        synchronized (world.lock) {
            FakeContainer c = world.container(ref);
            if (!c.running()) {
                throw new ConflictException("container '" + ref + "' is not running: start it first");
            }
        }
        throw new EngineException("engine fake cannot run commands in a container: it runs no processes");
    }

    @Override
    public int attach(String ref, TerminalSize terminal, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        world.called("containers.attach", ref);
        synchronized (world.lock) {
            world.container(ref);
        }
        throw new EngineException("engine fake cannot attach to a container: it runs no processes");
    }

    @Override
    public void update(String ref, Resources resources) {
        world.called("containers.update", ref);
        synchronized (world.lock) {
            FakeContainer c = world.container(ref);
            c.resources = new Resources(resources.nanoCpus() != 0 ? resources.nanoCpus() : c.resources.nanoCpus(),
                    resources.memoryBytes() != 0 ? resources.memoryBytes() : c.resources.memoryBytes());
            world.publish("container", EventKind.UPDATED, "update", c.id, c.eventAttributes());
        }
    }
}
