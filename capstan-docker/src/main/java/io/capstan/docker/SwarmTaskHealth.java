package io.capstan.docker;

import com.github.dockerjava.api.model.HealthCheck;
import io.capstan.core.model.Health;

import java.util.List;
import java.util.Set;

/**
 * A task's healthcheck verdict from what Swarm itself says of it, so that it holds for tasks on every node: Swarm
 * keeps a task with a healthcheck {@code starting} until its container is healthy, moves it to {@code running} then,
 * and fails it ({@code task: non-zero exit (137): dockerexec: unhealthy container}) once it turns unhealthy.
 */
final class SwarmTaskHealth {
    /** The words swarmkit's executor fails a task with when its container's healthcheck failed. */
    static final String UNHEALTHY_ERROR = "unhealthy container";
    private static final Set<String> BEFORE_RUNNING = Set.of(
            "new", "pending", "assigned", "accepted", "preparing", "ready", "starting");

    private SwarmTaskHealth() {
    }

    /**
     * The verdict on a task of a service with a healthcheck ({@code checked}; {@link Health#NONE} without one).
     *
     * @param state   the task's state, lower case
     * @param message Swarm's last progress message of it ({@code starting}, {@code started}, ...)
     * @param error   why it failed (empty when it did not)
     */
    static Health of(boolean checked, String state, String message, String error) {
        if (!checked) {
            return Health.NONE;
        }
        if (error != null && error.contains(UNHEALTHY_ERROR)) {
            return Health.UNHEALTHY;
        }
        if ("running".equals(state)) {
            return Health.HEALTHY;
        }
        if (BEFORE_RUNNING.contains(state)) {
            return Health.STARTING;
        }
        // Ended otherwise (shut down, completed, failed for another reason): as it was when it ended.
        return BEFORE_RUNNING.contains(message == null ? "" : message) ? Health.STARTING : Health.HEALTHY;
    }

    /**
     * Whether replicas run a healthcheck: the service's own, else the image's ({@code null}: the image is unknown
     * here). A test of {@code NONE} turns the image's off.
     */
    static boolean checked(HealthCheck service, HealthCheck image) {
        HealthCheck effective = service != null && service.getTest() != null && !service.getTest().isEmpty()
                ? service : image;
        if (effective == null || effective.getTest() == null || effective.getTest().isEmpty()) {
            return false;
        }
        List<String> test = effective.getTest();
        return !"NONE".equals(test.getFirst());
    }
}
