package io.capstan.core.readiness;

import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.Health;

/**
 * What a readiness check needs to know of a container.
 *
 * @param exitCode the last exit code, meaningful once exited
 */
public record ContainerState(ContainerStatus status, Health health, int exitCode) {
    public static ContainerState of(ContainerInfo info) {
        return new ContainerState(info.status(), info.health(), info.exitCode());
    }

    boolean hasEnded() {
        return status == ContainerStatus.EXITED || status == ContainerStatus.DEAD;
    }
}
