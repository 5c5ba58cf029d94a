package io.capstan.orchestration.engine;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ImageInfo;
import io.capstan.core.model.NetworkInfo;
import io.capstan.core.model.VolumeInfo;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.ImageBuild;
import io.capstan.core.spec.NetworkSpec;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.VolumeSpec;
import io.capstan.orchestration.DockerContainer;
import io.capstan.orchestration.DockerImage;
import io.capstan.orchestration.DockerIntegration;
import io.capstan.orchestration.DockerNetwork;
import io.capstan.orchestration.DockerVolume;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link DockerIntegration} over Capstan's engine SPI, so it works on any engine Capstan reaches. */
public final class EngineDockerIntegration implements DockerIntegration {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ContainerEngine engine;

    public EngineDockerIntegration(ContainerEngine engine) {
        this.engine = engine;
    }

    @Override
    public DockerImage buildImage(Path path, String tag, String dockerfile) {
        ImageInfo built = engine.images().build(new ImageBuild(path, dockerfile, List.of(tag), Map.of(), null, Map.of()),
                line -> { });
        return image(built, tag);
    }

    @Override
    public DockerImage pullImage(String repository, String tag) {
        String ref = repository + ":" + (tag == null || tag.isBlank() ? "latest" : tag);
        return image(engine.images().pull(ref, line -> { }), ref);
    }

    @Override
    public void pushImage(String repository, String tag) {
        engine.images().push(repository + ":" + (tag == null || tag.isBlank() ? "latest" : tag), line -> { });
    }

    @Override
    public DockerContainer createContainer(String image, String name, Map<String, Integer> ports,
                                           Map<String, String> environment) {
        ContainerSpec.Builder spec = ContainerSpec.builder(image).name(name).env(environment);
        ports.forEach((port, host) -> {
            PortMapping inside = PortMapping.parse(port);
            spec.port(new PortMapping(inside.containerPort(), inside.protocol(), "", host == null ? 0 : host));
        });
        return container(engine.containers().create(spec.build()));
    }

    @Override
    public DockerContainer startContainer(DockerContainer container) {
        engine.containers().start(container.id());
        return container(container.id());
    }

    @Override
    public DockerContainer stopContainer(DockerContainer container) {
        engine.containers().stop(container.id(), STOP_TIMEOUT);
        return container(container.id());
    }

    @Override
    public void removeContainer(DockerContainer container) {
        engine.containers().remove(container.id(), false, false);
    }

    @Override
    public List<DockerContainer> listContainers() {
        List<DockerContainer> containers = new ArrayList<>();
        for (var summary : engine.containers().list(ContainerFilter.ALL)) {
            try {
                containers.add(container(summary.id()));
            } catch (NotFoundException removedMeanwhile) {
                // listed, then removed by someone else before it could be inspected: no longer there
            }
        }
        return containers;
    }

    @Override
    public List<DockerImage> listImages() {
        return engine.images().list().stream()
                .map(i -> new DockerImage(i.id(), i.repository(), i.tag(), i.size(), i.created()))
                .toList();
    }

    @Override
    public DockerNetwork createNetwork(String name, String driver) {
        NetworkInfo n = engine.networks().create(new NetworkSpec(name, driver == null ? "bridge" : driver, Map.of(), false));
        return new DockerNetwork(n.id(), n.name(), n.driver(), n.scope());
    }

    @Override
    public void removeNetwork(DockerNetwork network) {
        engine.networks().remove(network.id());
    }

    @Override
    public DockerVolume createVolume(String name) {
        VolumeInfo v = engine.volumes().create(new VolumeSpec(name, null, Map.of()));
        return new DockerVolume(v.id(), v.name(), v.driver(), v.mountpoint());
    }

    @Override
    public void removeVolume(DockerVolume volume) {
        engine.volumes().remove(volume.name());
    }

    private DockerContainer container(String id) {
        ContainerInfo info = engine.containers().inspect(id);
        Map<String, Integer> ports = new LinkedHashMap<>();
        info.ports().forEach(p -> ports.put(p.containerPort() + "/" + p.protocol(), p.hostPort()));
        return new DockerContainer(info.id(), info.name(), info.image(), info.status().word(), ports, info.environment());
    }

    /** The image as listed under {@code reference}, which an inspection alone does not single out. */
    private static DockerImage image(ImageInfo info, String reference) {
        int colon = reference.lastIndexOf(':');
        boolean tagged = colon > reference.lastIndexOf('/');
        return new DockerImage(info.id(), tagged ? reference.substring(0, colon) : reference,
                tagged ? reference.substring(colon + 1) : "latest", info.size(), info.created());
    }
}
