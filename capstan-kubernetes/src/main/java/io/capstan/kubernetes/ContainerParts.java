package io.capstan.kubernetes;

import io.capstan.orchestration.ContainerPort;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one container of a pod or pod template, both ways. */
final class ContainerParts {
    private ContainerParts() {
    }

    static Container container(String name, String image, List<ContainerPort> ports, Map<String, String> environment) {
        return new ContainerBuilder().withName(name).withImage(image)
                .withPorts(ports.stream().map(p -> new ContainerPortBuilder().withContainerPort(p.containerPort())
                        .withProtocol(p.protocol()).build()).toList())
                .withEnv(env(environment))
                .build();
    }

    static List<EnvVar> env(Map<String, String> environment) {
        return environment.entrySet().stream()
                .map(e -> new EnvVarBuilder().withName(e.getKey()).withValue(e.getValue()).build())
                .toList();
    }

    static List<ContainerPort> ports(Container container) {
        return container == null || container.getPorts() == null ? List.of() : container.getPorts().stream()
                .map(p -> new ContainerPort(p.getContainerPort(), p.getProtocol()))
                .toList();
    }

    /** Variables with a plain value; those taken from a secret or a field show as {@code <from ...>}. */
    static Map<String, String> environment(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        if (container != null && container.getEnv() != null) {
            for (EnvVar v : container.getEnv()) {
                env.put(v.getName(), v.getValueFrom() != null ? "<from " + source(v) + ">"
                        : v.getValue() == null ? "" : v.getValue());
            }
        }
        return env;
    }

    private static String source(EnvVar v) {
        var from = v.getValueFrom();
        return from.getSecretKeyRef() != null ? "secret " + from.getSecretKeyRef().getName()
                : from.getConfigMapKeyRef() != null ? "config map " + from.getConfigMapKeyRef().getName()
                : "field";
    }

    static Container first(List<Container> containers) {
        return containers == null || containers.isEmpty() ? null : containers.getFirst();
    }

    static String image(Container container) {
        return container == null ? "" : container.getImage();
    }

    static Instant instant(String timestamp) {
        return timestamp == null || timestamp.isBlank() ? null : Instant.parse(timestamp);
    }
}
