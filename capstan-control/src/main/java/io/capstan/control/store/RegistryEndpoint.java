package io.capstan.control.store;

import java.time.Instant;
import java.util.Map;

/**
 * One endpoint in the service registry (the {@code registry_endpoints} row).
 *
 * @param imageId       the image (or service) the endpoint serves, as its client names it
 * @param caps          what the endpoint offers, such as {@code {"cpu": 2, "mem": 4096}}, as the client gave it; null
 *                      when it gave none
 * @param status        {@code UP} or {@code DOWN}
 * @param lastHeartbeat when it was last registered or its status was last set
 */
public record RegistryEndpoint(String id, String imageId, String host, int port, Map<String, Object> caps,
                               String status, Instant lastHeartbeat) {
    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    public RegistryEndpoint {
        caps = caps == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(caps));
    }

    public RegistryEndpoint withStatus(String newStatus, Instant at) {
        return new RegistryEndpoint(id, imageId, host, port, caps, newStatus, at);
    }
}
