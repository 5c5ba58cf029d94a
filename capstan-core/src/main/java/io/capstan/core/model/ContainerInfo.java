package io.capstan.core.model;

import io.capstan.core.spec.Mount;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.core.spec.RestartPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One container as the engine describes it on inspection.
 *
 * @param ports       published ports with the host ports the engine actually bound (empty until started)
 * @param networks    names of the networks the container is attached to
 * @param exitCode    the last exit code, meaningful once exited
 * @param startedAt   when it last started, null if never
 * @param finishedAt  when it last stopped, null if never
 */
public record ContainerInfo(String id, String name, String image, String imageId, ContainerStatus status,
                            Health health, List<PortMapping> ports, Map<String, String> environment,
                            Map<String, String> labels, Instant created, Resources resources,
                            RestartPolicy restartPolicy, List<String> networks, List<Mount> mounts, int exitCode,
                            Instant startedAt, Instant finishedAt) {
    public ContainerInfo {
        ports = List.copyOf(ports);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        labels = Map.copyOf(labels);
        networks = List.copyOf(networks);
        mounts = List.copyOf(mounts);
    }

    public boolean isRunning() {
        return status == ContainerStatus.RUNNING;
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
