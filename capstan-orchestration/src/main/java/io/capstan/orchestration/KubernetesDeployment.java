package io.capstan.orchestration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployment: {@code replicas} pods of one container running {@code image}. Change it with the {@code with...}
 * methods and pass it to {@link KubernetesOrchestration#updateDeployment}.
 *
 * @param ports       the ports its container listens on
 * @param environment its container's environment variables, in order
 */
public record KubernetesDeployment(String name, String namespace, String image, int replicas, List<ContainerPort> ports,
                                   Map<String, String> environment) {
    public KubernetesDeployment {
        ports = List.copyOf(ports);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    public KubernetesDeployment withReplicas(int replicas) {
        return new KubernetesDeployment(name, namespace, image, replicas, ports, environment);
    }

    public KubernetesDeployment withImage(String image) {
        return new KubernetesDeployment(name, namespace, image, replicas, ports, environment);
    }

    public KubernetesDeployment withEnvironment(Map<String, String> environment) {
        return new KubernetesDeployment(name, namespace, image, replicas, ports, environment);
    }

    public KubernetesDeployment withPorts(List<ContainerPort> ports) {
        return new KubernetesDeployment(name, namespace, image, replicas, ports, environment);
    }
}
