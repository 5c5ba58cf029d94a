package io.capstan.orchestration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container on the engine.
 *
 * @param status      the engine's word for its state: {@code created}, {@code running}, {@code exited}, ...
 * @param ports       published ports: {@code "8080/tcp"} (container port and protocol) to the host port
 * @param environment its environment variables, in order
 */
public record DockerContainer(String id, String name, String image, String status, Map<String, Integer> ports,
                              Map<String, String> environment) {
    public DockerContainer {
        ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
