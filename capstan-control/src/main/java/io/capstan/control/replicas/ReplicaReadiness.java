package io.capstan.control.replicas;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.Health;
import io.capstan.core.readiness.ContainerState;
import io.capstan.core.readiness.Readiness;
import io.capstan.core.readiness.ReadyWhen;

/** Whether a new replica is ready to take over from an old one: it runs, and is healthy if it has a healthcheck. */
final class ReplicaReadiness {
    private ReplicaReadiness() {
    }

    static Readiness of(ManagedContainer replica) {
        // a crash-looping replica has exited; the reconciler only shows it apart while it waits to restart it
        ContainerStatus status = "crashloop".equals(replica.status()) ? ContainerStatus.EXITED
                : ContainerStatus.of(replica.status());
        return ReadyWhen.RUNNING.check(new ContainerState(status, Health.of(replica.health()), replica.exitCode()));
    }
}
