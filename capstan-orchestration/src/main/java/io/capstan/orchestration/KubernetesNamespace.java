package io.capstan.orchestration;

import java.time.Instant;
import java.util.Map;

/**
 * A namespace of a cluster.
 *
 * @param status  {@code Active}, or {@code Terminating} while its objects are being deleted
 * @param created when the cluster created it
 * @param labels  its labels
 */
public record KubernetesNamespace(String name, String status, Instant created, Map<String, String> labels) {
    public KubernetesNamespace {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
