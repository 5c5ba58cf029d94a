package io.capstan.tck.fake;

import io.capstan.core.model.EventKind;
import io.capstan.core.engine.NetworkAliases;
import io.capstan.core.engine.NetworkOperations;
import io.capstan.core.error.ConflictException;
import io.capstan.core.model.NetworkInfo;
import io.capstan.core.spec.NetworkSpec;

import java.util.List;
import java.util.Map;

/** Networks of the fake engine, as objects: containers are attached to them by name, with aliases recorded. */
final class FakeNetworks implements NetworkOperations, NetworkAliases {
    private final FakeWorld world;

    FakeNetworks(FakeWorld world) {
        this.world = world;
        for (String builtIn : List.of("bridge", "host", "none")) {
            NetworkInfo n = new NetworkInfo(world.newId("network"), builtIn, builtIn.equals("none") ? "null" : builtIn,
                    "local", false, Map.of(), Map.of(), null, false);
            world.networks.put(n.id(), n);
        }
    }

    @Override
    public NetworkInfo create(NetworkSpec spec) {
        world.called("networks.create", spec.name());
        synchronized (world.lock) {
            if (world.networks.values().stream().anyMatch(n -> n.name().equals(spec.name()))) {
                throw new ConflictException("network name '" + spec.name()
                        + "' is already in use: choose another name or remove the existing network");
            }
            NetworkInfo n = new NetworkInfo(world.newId("network"), spec.name(), spec.driver(), "local",
                    spec.internal(), spec.labels(), spec.options(), spec.ipam(), spec.enableIpv6());
            world.networks.put(n.id(), n);
            world.publish("network", EventKind.CREATED, "create", n.id(), Map.of("name", n.name(), "type", n.driver()));
            return n;
        }
    }

    @Override
    public void remove(String ref) {
        world.called("networks.remove", ref);
        synchronized (world.lock) {
            NetworkInfo n = world.network(ref);
            boolean inUse = world.containers.values().stream()
                    .anyMatch(c -> c.running() && c.networks.containsKey(n.name()));
            if (inUse) {
                throw new ConflictException("network '" + ref
                        + "' still has running containers attached: stop or disconnect them first");
            }
            world.containers.values().forEach(c -> c.networks.remove(n.name()));
            world.networks.remove(n.id());
            world.publish("network", EventKind.DESTROYED, "destroy", n.id(), Map.of("name", n.name(), "type", n.driver()));
        }
    }

    @Override
    public List<NetworkInfo> list(Map<String, String> labels) {
        world.called("networks.list", null);
        synchronized (world.lock) {
            return world.networks.values().stream().filter(n -> FakeContainers.carries(n.labels(), labels)).toList();
        }
    }

    @Override
    public NetworkInfo inspect(String ref) {
        world.called("networks.inspect", ref);
        synchronized (world.lock) {
            return world.network(ref);
        }
    }

    @Override
    public void connect(String network, String container) {
        connect(network, container, List.of());
    }

    @Override
    public void connect(String network, String container, List<String> aliases) {
        world.called("networks.connect", network);
        synchronized (world.lock) {
            NetworkInfo n = world.network(network);
            FakeContainer c = world.container(container);
            if (c.networks.containsKey(n.name())) {
                throw new ConflictException("container '" + container + "' is already on network '" + network + "'");
            }
            c.networks.put(n.name(), List.copyOf(aliases));
            world.publish("network", EventKind.OTHER, "connect", n.id(), Map.of("name", n.name(), "container", c.id));
        }
    }

    @Override
    public void disconnect(String network, String container, boolean force) {
        world.called("networks.disconnect", network);
        synchronized (world.lock) {
            NetworkInfo n = world.network(network);
            FakeContainer c = world.container(container);
            if (c.networks.remove(n.name()) == null && !force) {
                throw new ConflictException("container '" + container + "' is not on network '" + network + "'");
            }
            world.publish("network", EventKind.OTHER, "disconnect", n.id(), Map.of("name", n.name(), "container", c.id));
        }
    }
}
