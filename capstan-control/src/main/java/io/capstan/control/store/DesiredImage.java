package io.capstan.control.store;

import java.time.Instant;
import java.util.Map;

/**
 * What the control plane keeps running for one image (the {@code desired_images} row).
 *
 * @param resources such as {@code {"cpu_limit": "0.5", "memory_limit": "512Mi"}}
 * @param ports     such as {@code {"80/tcp": 8080}}; a null or 0 host port means any free one
 */
public record DesiredImage(String image, int minReplicas, int maxReplicas, Map<String, Object> resources,
                           Map<String, Object> env, Map<String, Object> ports, Instant updatedAt) {
    public DesiredImage {
        resources = resources == null ? Map.of() : Map.copyOf(resources);
        env = env == null ? Map.of() : Map.copyOf(env);
        ports = ports == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
    }
}
