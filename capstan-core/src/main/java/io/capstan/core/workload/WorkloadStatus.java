package io.capstan.core.workload;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a target says about one workload.
 *
 * @param id          the target's id for it
 * @param spec        what it was last asked to run
 * @param desired     replicas wanted (for a global workload: the nodes it should run on)
 * @param running     replicas whose task runs
 * @param ready       running replicas that are healthy, or have no healthcheck
 * @param tasks       its tasks, current and past, newest first
 * @param updateState the state of the last update or rollback ({@code updating}, {@code completed},
 *                    {@code rollback_completed}, ...; empty when it never was updated)
 * @param created     when it was created
 * @param updated     when it was last changed
 */
public record WorkloadStatus(String id, WorkloadSpec spec, int desired, int running, int ready, List<WorkloadTask> tasks,
                             String updateState, Instant created, Instant updated) {
    public WorkloadStatus {
        tasks = List.copyOf(tasks);
        updateState = updateState == null ? "" : updateState;
    }

    public String name() {
        return spec.name();
    }

    public Map<String, String> labels() {
        return spec.labels();
    }

    /** The tasks the target still wants running. */
    public List<WorkloadTask> currentTasks() {
        return tasks.stream().filter(WorkloadTask::isCurrent).toList();
    }

    /** True when every wanted replica runs. */
    public boolean isConverged() {
        return running == desired && currentTasks().stream().allMatch(WorkloadTask::isRunning);
    }
}
