package io.capstan.core.readiness;

import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.Health;

/**
 * What "ready" means for a container, the one rule shared by a stack's {@code up} (its {@code depends_on} conditions
 * and {@code --wait}) and the control plane's rollouts.
 */
public enum ReadyWhen {
    /**
     * Running, and healthy too when it has a healthcheck: a new replica in a rollout. A failed healthcheck is not final
     * here, as Docker marks a container healthy again at its next passing check.
     */
    RUNNING {
        @Override
        public Readiness check(ContainerState c) {
            if (c.hasEnded() || c.status() == ContainerStatus.CREATED) {
                return Readiness.STOPPED;
            }
            boolean healthyEnough = c.health() == Health.NONE || c.health() == Health.HEALTHY;
            return c.status() == ContainerStatus.RUNNING && healthyEnough ? Readiness.READY : Readiness.WAITING;
        }
    },
    /** Running and healthy ({@code service_healthy}); a container without a healthcheck never gets there. */
    HEALTHY {
        @Override
        public Readiness check(ContainerState c) {
            if (c.health() == Health.NONE) {
                return Readiness.NO_HEALTHCHECK;
            }
            if (c.health() == Health.UNHEALTHY) {
                return Readiness.UNHEALTHY;
            }
            if (c.status() != ContainerStatus.RUNNING) {
                return Readiness.STOPPED;
            }
            return c.health() == Health.HEALTHY ? Readiness.READY : Readiness.WAITING;
        }
    },
    /** Exited with code 0 ({@code service_completed_successfully}). */
    COMPLETED_SUCCESSFULLY {
        @Override
        public Readiness check(ContainerState c) {
            if (!c.hasEnded()) {
                return Readiness.WAITING;
            }
            return c.exitCode() == 0 ? Readiness.READY : Readiness.EXITED_WITH_ERROR;
        }
    };

    public abstract Readiness check(ContainerState container);
}
