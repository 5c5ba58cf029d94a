package io.capstan.orchestration;

import io.capstan.core.error.InvalidSpecException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a service is reached: inside the cluster only, on every node's port, through a load balancer, or as a DNS name. */
public enum ServiceType {
    CLUSTER_IP("ClusterIP"), NODE_PORT("NodePort"), LOAD_BALANCER("LoadBalancer"), EXTERNAL_NAME("ExternalName");

    private final String word;

    ServiceType(String word) {
        this.word = word;
    }

    /** As Kubernetes spells it, such as {@code LoadBalancer}. */
    public String word() {
        return word;
    }

    /** Kubernetes' spelling, in any case: {@code LoadBalancer}, {@code loadbalancer}, ... */
    public static ServiceType of(String text) {
        return Arrays.stream(values()).filter(t -> t.word.equalsIgnoreCase(text == null ? "" : text.strip()))
                .findFirst()
                .orElseThrow(() -> new InvalidSpecException("invalid service type '" + text + "': expected "
                        + Arrays.stream(values()).map(ServiceType::word).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return word;
    }
}
