package io.capstan.tck.fake;

import io.capstan.core.model.EventKind;
import io.capstan.core.engine.VolumeOperations;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.VolumeInfo;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.VolumeSpec;

import java.util.List;
import java.util.Map;

/** Named volumes of the fake engine; one used by a container (running or not) is kept. */
final class FakeVolumes implements VolumeOperations {
    private final FakeWorld world;

    FakeVolumes(FakeWorld world) {
        this.world = world;
    }

    /** Creating a volume that exists returns it, as engines do. */
    @Override
    public VolumeInfo create(VolumeSpec spec) {
        world.called("volumes.create", spec.name());
        return add(spec);
    }

    /** Creates the volume unless it exists, as a container's create does for the volumes it mounts. */
    VolumeInfo add(VolumeSpec spec) {
        synchronized (world.lock) {
            VolumeInfo existing = world.volumes.get(spec.name());
            if (existing != null) {
                return existing;
            }
            VolumeInfo v = new VolumeInfo(spec.name(), spec.driver(), "/fake/volumes/" + spec.name(), spec.labels());
            world.volumes.put(v.name(), v);
            world.publish("volume", EventKind.CREATED, "create", v.name(), Map.of("driver", v.driver()));
            return v;
        }
    }

    @Override
    public void remove(String name) {
        world.called("volumes.remove", name);
        synchronized (world.lock) {
            VolumeInfo v = world.volumes.get(name);
            if (v == null) {
                throw new NotFoundException("volume", name, "volume '" + name + "' not found", null);
            }
            boolean used = world.containers.values().stream().anyMatch(c -> c.spec.mounts().stream()
                    .anyMatch(m -> m.type() == Mount.Type.VOLUME && name.equals(m.source())));
            if (used) {
                throw new ConflictException("volume '" + name + "' is used by a container: remove the container first");
            }
            world.volumes.remove(v.name());
            world.publish("volume", EventKind.DESTROYED, "destroy", v.name(), Map.of("driver", v.driver()));
        }
    }

    @Override
    public List<VolumeInfo> list(Map<String, String> labels) {
        world.called("volumes.list", null);
        synchronized (world.lock) {
            return world.volumes.values().stream().filter(v -> FakeContainers.carries(v.labels(), labels)).toList();
        }
    }

    @Override
    public VolumeInfo inspect(String name) {
        world.called("volumes.inspect", name);
        synchronized (world.lock) {
            VolumeInfo v = world.volumes.get(name);
            if (v == null) {
                throw new NotFoundException("volume", name, "volume '" + name + "' not found", null);
            }
            return v;
        }
    }
}
