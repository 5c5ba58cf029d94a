package io.capstan.orchestration;

/**
 * A network on the engine.
 *
 * @param driver such as {@code bridge} or {@code overlay}
 * @param scope  {@code local} or {@code swarm}
 */
public record DockerNetwork(String id, String name, String driver, String scope) {
}
