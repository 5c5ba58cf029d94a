package io.capstan.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import io.capstan.core.engine.VolumeOperations;
import io.capstan.core.error.ConflictException;
import io.capstan.core.model.VolumeInfo;
import io.capstan.core.spec.VolumeSpec;

import java.util.List;
import java.util.Map;

final class DockerVolumes implements VolumeOperations {
    private final DockerClient client;
    private final DockerErrors errors;

    DockerVolumes(DockerClient client, DockerErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    @Override
    public VolumeInfo create(VolumeSpec spec) {
        var created = errors.call("volume", spec.name(), () -> client.createVolumeCmd().withName(spec.name())
                .withDriver(spec.driver()).withLabels(spec.labels()).withDriverOpts(spec.driverOpts()).exec());
        return inspect(created.getName());
    }

    @Override
    public void remove(String name) {
        try {
            errors.run("volume", name, () -> client.removeVolumeCmd(name).exec());
        } catch (ConflictException inUse) {
            throw ContainersInUse.named(client, cmd -> cmd.withVolumeFilter(List.of(name)), "volume", name,
                    "remove {them} first", inUse);
        }
    }

    @Override
    public List<VolumeInfo> list(Map<String, String> labels) {
        return errors.call("volume", "list", () -> {
            var cmd = client.listVolumesCmd();
            if (!labels.isEmpty()) {
                cmd.withFilter("label", DockerContainers.labelFilter(labels));
            }
            List<InspectVolumeResponse> volumes = cmd.exec().getVolumes();
            return volumes == null ? List.<VolumeInfo>of() : volumes.stream().map(DockerMapper::volume).toList();
        });
    }

    @Override
    public VolumeInfo inspect(String name) {
        return errors.call("volume", name, () -> DockerMapper.volume(client.inspectVolumeCmd(name).exec()));
    }
}
