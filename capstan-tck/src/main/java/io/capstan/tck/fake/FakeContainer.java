package io.capstan.tck.fake;

import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.model.Health;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.NetworkAttachment;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One container of the fake engine; guarded by the {@link FakeWorld}'s lock. */
final class FakeContainer {
    /** A line the container wrote, and when. */
    record Line(LogLine line, Instant time) {
    }

    final String id;
    final String name;
    final ContainerSpec spec;
    final String imageId;
    final Instant created;
    final Map<String, List<String>> networks = new LinkedHashMap<>();
    final List<Line> logs = new ArrayList<>();
    final List<QueuedStream<LogLine>> followers = new ArrayList<>();
    ContainerStatus status = ContainerStatus.CREATED;
    Health health = Health.NONE;
    Resources resources;
    List<PortMapping> boundPorts = List.of();
    int exitCode;
    Instant startedAt;
    Instant finishedAt;

    FakeContainer(String id, String name, ContainerSpec spec, String imageId, Instant created) {
        this.id = id;
        this.name = name;
        this.spec = spec;
        this.imageId = imageId;
        this.created = created;
        this.resources = spec.resources();
        for (NetworkAttachment n : spec.networks()) {
            networks.put(n.network(), n.aliases());
        }
        if (spec.networks().isEmpty() && spec.networkMode() == null) {
            networks.put("bridge", List.of());
        }
    }

    boolean running() {
        return status == ContainerStatus.RUNNING;
    }

    /** Labels as events report them, with the container's name and image. */
    Map<String, String> eventAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>(spec.labels());
        attributes.put("name", name);
        attributes.put("image", spec.image());
        return attributes;
    }

    ContainerInfo info() {
        return new ContainerInfo(id, name, spec.image(), imageId, status, health, boundPorts, spec.env(),
                spec.labels(), created, resources, spec.restart(), List.copyOf(networks.keySet()), spec.mounts(),
                exitCode, startedAt, finishedAt);
    }

    ContainerSummary summary() {
        String text = switch (status) {
            case RUNNING -> "Up";
            case EXITED -> "Exited (" + exitCode + ")";
            default -> status.word().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + status.word().substring(1);
        };
        return new ContainerSummary(id, name, spec.image(), status, text, health, boundPorts, spec.labels(), created);
    }
}
