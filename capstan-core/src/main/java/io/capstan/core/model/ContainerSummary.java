package io.capstan.core.model;

import io.capstan.core.spec.PortMapping;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One row of a container listing: what the engine reports without inspecting each container. */
public record ContainerSummary(String id, String name, String image, ContainerStatus status, String statusText,
                               Health health, List<PortMapping> ports, Map<String, String> labels, Instant created) {
    public ContainerSummary {
        ports = List.copyOf(ports);
        labels = Map.copyOf(labels);
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
