package io.capstan.control.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the control plane keeps running for one image (the {@code desired_images} row).
 *
 * @param replicas  how many running containers the reconciler holds, {@code minReplicas <= replicas <= maxReplicas};
 *                  the autoscaler and {@code /scale} move it
 * @param resources such as {@code {"cpu_limit": "0.5", "memory_limit": "512Mi"}}
 * @param ports     such as {@code {"80/tcp": 8080}}; a null or 0 host port means any free one
 * @param command   arguments replacing the image's CMD, empty for the image's own
 * @param autoscale the autoscaling policy, null when the count only changes when asked
 */
public record DesiredImage(String image, int minReplicas, int maxReplicas, int replicas, Map<String, Object> resources,
                           Map<String, Object> env, Map<String, Object> ports, List<String> command,
                           Autoscale autoscale, Instant updatedAt) {
    public DesiredImage {
        resources = resources == null ? Map.of() : Map.copyOf(resources);
        env = env == null ? Map.of() : Map.copyOf(env);
        ports = ports == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
        command = command == null ? List.of() : List.copyOf(command);
    }

    /** A fixed count between min and max with no command or autoscaling: {@code replicas} is {@code minReplicas}. */
    public DesiredImage(String image, int minReplicas, int maxReplicas, Map<String, Object> resources,
                        Map<String, Object> env, Map<String, Object> ports, Instant updatedAt) {
        this(image, minReplicas, maxReplicas, minReplicas, resources, env, ports, List.of(), null, updatedAt);
    }

    public DesiredImage withReplicas(int count, Instant at) {
        return new DesiredImage(image, minReplicas, maxReplicas, count, resources, env, ports, command, autoscale, at);
    }

    public DesiredImage withResources(Map<String, Object> newResources, Instant at) {
        return new DesiredImage(image, minReplicas, maxReplicas, replicas, newResources, env, ports, command, autoscale, at);
    }
}
