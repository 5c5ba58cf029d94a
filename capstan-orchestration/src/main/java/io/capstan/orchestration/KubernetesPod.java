package io.capstan.orchestration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod with one container (the first, when it has several).
 *
 * @param status      its phase: {@code Pending}, {@code Running}, {@code Succeeded}, {@code Failed} or {@code Unknown}
 * @param ports       the ports its container listens on
 * @param environment its container's environment variables, in order
 */
public record KubernetesPod(String name, String namespace, String image, String status, List<ContainerPort> ports,
                            Map<String, String> environment) {
    public KubernetesPod {
        ports = List.copyOf(ports);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
