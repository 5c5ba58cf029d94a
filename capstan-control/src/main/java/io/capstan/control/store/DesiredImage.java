package io.capstan.control.store;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What the control plane keeps running for one image (the {@code desired_images} row).
 *
 * @param replicas  how many running containers the reconciler holds, {@code minReplicas <= replicas <= maxReplicas};
 *                  the autoscaler and {@code /scale} move it, and so do requests that stop, start or delete one replica
 * @param resources such as {@code {"cpu_limit": "0.5", "memory_limit": "512Mi"}}
 * @param ports     such as {@code {"80/tcp": 8080}}; a null or 0 host port means any free one
 * @param command   arguments replacing the image's CMD, empty for the image's own
 * @param autoscale the autoscaling policy, null when the count only changes when asked
 * @param stopped   ids of replicas a request stopped: the reconciler neither restarts nor removes them while they are
 *                  stopped, and they do not count towards {@code replicas}
 */
public record DesiredImage(String image, int minReplicas, int maxReplicas, int replicas, Map<String, Object> resources,
                           Map<String, Object> env, Map<String, Object> ports, List<String> command,
                           Autoscale autoscale, Instant updatedAt, List<String> stopped) {
    public DesiredImage {
        resources = resources == null ? Map.of() : Map.copyOf(resources);
        env = env == null ? Map.of() : Map.copyOf(env);
        ports = ports == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
        command = command == null ? List.of() : List.copyOf(command);
        stopped = stopped == null ? List.of() : List.copyOf(new LinkedHashSet<>(stopped));
    }

    /** A desired state no replica of which a request has stopped. */
    public DesiredImage(String image, int minReplicas, int maxReplicas, int replicas, Map<String, Object> resources,
                        Map<String, Object> env, Map<String, Object> ports, List<String> command,
                        Autoscale autoscale, Instant updatedAt) {
        this(image, minReplicas, maxReplicas, replicas, resources, env, ports, command, autoscale, updatedAt, List.of());
    }

    /** A fixed count between min and max with no command or autoscaling: {@code replicas} is {@code minReplicas}. */
    public DesiredImage(String image, int minReplicas, int maxReplicas, Map<String, Object> resources,
                        Map<String, Object> env, Map<String, Object> ports, Instant updatedAt) {
        this(image, minReplicas, maxReplicas, minReplicas, resources, env, ports, List.of(), null, updatedAt);
    }

    public DesiredImage withReplicas(int count, Instant at) {
        return new DesiredImage(image, minReplicas, maxReplicas, count, resources, env, ports, command, autoscale, at,
                stopped);
    }

    public DesiredImage withResources(Map<String, Object> newResources, Instant at) {
        return new DesiredImage(image, minReplicas, maxReplicas, replicas, newResources, env, ports, command, autoscale,
                at, stopped);
    }

    /** The same state with another set of replicas held stopped. */
    public DesiredImage withStopped(List<String> ids, Instant at) {
        return new DesiredImage(image, minReplicas, maxReplicas, replicas, resources, env, ports, command, autoscale, at,
                ids);
    }

    /**
     * A count a request asked for, never below 0 nor above {@code maxReplicas}; {@code minReplicas} follows it down
     * (a user who stopped a replica wants fewer than the minimum).
     */
    public DesiredImage withRequestedReplicas(int count, List<String> heldStopped, Instant at) {
        int n = Math.clamp(count, 0, maxReplicas);
        return new DesiredImage(image, Math.min(minReplicas, n), maxReplicas, n, resources, env, ports, command,
                autoscale, at, heldStopped);
    }
}
