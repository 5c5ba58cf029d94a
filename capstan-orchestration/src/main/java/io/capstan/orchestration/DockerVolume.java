package io.capstan.orchestration;

/**
 * A named volume on the engine; its id is its name.
 *
 * @param mountpoint where the engine keeps its data on the host
 */
public record DockerVolume(String id, String name, String driver, String mountpoint) {
}
