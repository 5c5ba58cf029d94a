package io.capstan.control.managed;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.Map;

/**
 * A managed container as the control plane last saw it on the engine.
 *
 * @param image       the image as it was asked for (the {@code managed-by} label), not the engine's digest
 * @param status      the engine's state word: {@code created}, {@code running}, {@code exited}, ...; or
 *                    {@code crashloop} while the reconciler waits before restarting a container that keeps crashing
 * @param health      the engine's healthcheck state ({@code healthy}, {@code unhealthy}, {@code starting}), or
 *                    {@code none} when the image has no healthcheck
 * @param ports       published ports, {@code "80/tcp"} to the host port the engine bound (null until started)
 * @param cpuLimit    CPUs it may use, null when unlimited
 * @param memoryLimit bytes it may use, null when unlimited
 * @param imageId     the image it runs, by the engine's id
 * @param spec        the hash of the configuration it was created with ({@link ReplicaSpec}), null for old ones
 */
public record ManagedContainer(String id, String name, String image, String status, String health, int exitCode,
                               Map<String, Integer> ports, Double cpuLimit, Long memoryLimit, Instant created,
                               Instant startedAt, Instant finishedAt, String host, String imageId,
                               @JsonIgnore String spec) {
    public ManagedContainer {
        ports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
    }

    @JsonIgnore
    public boolean isRunning() {
        return "running".equals(status);
    }

    /** Neither running nor on its way: exited, dead, created but never started, or waiting out a crash loop. */
    @JsonIgnore
    public boolean isDown() {
        return switch (status) {
            case "exited", "dead", "created", "crashloop" -> true;
            default -> false;
        };
    }

    ManagedContainer exited(int code, Instant at) {
        return new ManagedContainer(id, name, image, "exited", health, code, ports, cpuLimit, memoryLimit, created,
                startedAt, at, host, imageId, spec);
    }

    ManagedContainer withStatus(String newStatus) {
        return new ManagedContainer(id, name, image, newStatus, health, exitCode, ports, cpuLimit, memoryLimit, created,
                startedAt, finishedAt, host, imageId, spec);
    }
}
