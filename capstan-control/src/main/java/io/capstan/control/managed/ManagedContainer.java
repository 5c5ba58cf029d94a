package io.capstan.control.managed;

import java.time.Instant;
import java.util.Map;

/**
 * A managed container as the control plane last saw it on the engine.
 *
 * @param image       the image as it was asked for (the {@code managed-by} label), not the engine's digest
 * @param status      the engine's state word: {@code created}, {@code running}, {@code exited}, ...
 * @param health      the engine's healthcheck state ({@code healthy}, {@code unhealthy}, {@code starting}), or
 *                    {@code none} when the image has no healthcheck
 * @param ports       published ports, {@code "80/tcp"} to the host port the engine bound (null until started)
 * @param cpuLimit    CPUs it may use, null when unlimited
 * @param memoryLimit bytes it may use, null when unlimited
 */
public record ManagedContainer(String id, String name, String image, String status, String health, int exitCode,
                               Map<String, Integer> ports, Double cpuLimit, Long memoryLimit, Instant created,
                               Instant startedAt, Instant finishedAt, String host) {
    public ManagedContainer {
        ports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isRunning() {
        return "running".equals(status);
    }
}
