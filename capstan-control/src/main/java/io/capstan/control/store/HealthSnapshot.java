package io.capstan.control.store;

import java.time.Instant;

/**
 * One health sample of a managed container (the {@code health_snapshots} row); usages are percentages.
 *
 * @param status       {@code healthy}, {@code warning}, {@code critical} or {@code stopped}
 * @param diskLayerBytes bytes in the container's writable layer, null where the engine does not report it
 * @param engineHealth the engine's own healthcheck verdict: {@code healthy}, {@code unhealthy}, {@code starting}, or
 *                     {@code none} when the image has no healthcheck
 */
public record HealthSnapshot(long id, String image, String containerId, String name, String host, double cpuUsage,
                             double memoryUsage, double diskUsage, Long diskLayerBytes, String status,
                             String engineHealth, Instant ts) {
    public HealthSnapshot withId(long newId) {
        return new HealthSnapshot(newId, image, containerId, name, host, cpuUsage, memoryUsage, diskUsage,
                diskLayerBytes, status, engineHealth, ts);
    }
}
