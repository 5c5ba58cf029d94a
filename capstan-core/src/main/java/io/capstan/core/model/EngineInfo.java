package io.capstan.core.model;

/**
 * What an engine says about itself.
 *
 * @param endpoint   where Capstan reached it, such as {@code unix:///var/run/docker.sock}
 * @param product    {@code Docker Engine} or {@code Podman Engine}
 * @param cgroupVersion 1 or 2 (0 when the engine does not say)
 * @param swarmState {@code inactive}, {@code active}, ... (empty when the engine has no swarm mode)
 */
public record EngineInfo(String endpoint, String product, String version, String apiVersion, String os, String arch,
                         String kernel, String storageDriver, int cgroupVersion, int containers,
                         int containersRunning, int images, int cpus, long memoryBytes, String swarmState) {
}
