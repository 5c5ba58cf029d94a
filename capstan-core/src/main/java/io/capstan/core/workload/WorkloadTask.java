package io.capstan.core.workload;

import io.capstan.core.model.Health;

import java.time.Instant;

/**
 * One attempt at running one replica of a workload.
 *
 * @param id           the task's id
 * @param slot         the replica number (0 for a global workload's tasks)
 * @param node         the node it was scheduled on (empty while unscheduled)
 * @param state        where it is, in the target's own words lower case ({@code running}, {@code shutdown}, {@code failed}, ...)
 * @param desiredState where the target wants it ({@code running}, {@code shutdown}, ...)
 * @param error        why it failed (empty when it did not)
 * @param image        the image it runs
 * @param containerId  its container (empty before one exists)
 * @param created      when it was created
 * @param updated      when its state last changed
 * @param health       its healthcheck's verdict as the target tells it ({@link Health#NONE} when it has none, or the
 *                     target does not say)
 */
public record WorkloadTask(String id, int slot, String node, String state, String desiredState, String error,
                           String image, String containerId, Instant created, Instant updated, Health health) {
    public WorkloadTask {
        node = node == null ? "" : node;
        error = error == null ? "" : error;
        containerId = containerId == null ? "" : containerId;
        image = image == null ? "" : image;
        health = health == null ? Health.NONE : health;
    }

    /** A task of a target that tells no healthcheck verdicts. */
    public WorkloadTask(String id, int slot, String node, String state, String desiredState, String error,
                        String image, String containerId, Instant created, Instant updated) {
        this(id, slot, node, state, desiredState, error, image, containerId, created, updated, Health.NONE);
    }


    public boolean isRunning() {
        return "running".equals(state);
    }

    /** True while the target still wants it to run (not an old task kept for history). */
    public boolean isCurrent() {
        return "running".equals(desiredState) || "ready".equals(desiredState) || "accepted".equals(desiredState);
    }
}
