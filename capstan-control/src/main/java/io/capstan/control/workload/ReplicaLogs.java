package io.capstan.control.workload;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.LogLine;
import io.capstan.core.workload.TaskLogs;
import io.capstan.core.workload.WorkloadTarget;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The output of a managed replica: a task's through its target when the target offers {@link TaskLogs} (the task
 * may run on another node, out of this engine's reach), a container's through the engine.
 */
public final class ReplicaLogs {
    private final ContainerEngine engine;
    private final TaskLogs tasks;

    /** {@code target}: the workload target the replicas are tasks of, empty when they are the engine's containers. */
    public ReplicaLogs(ContainerEngine engine, Optional<WorkloadTarget> target) {
        this.engine = engine;
        this.tasks = target.flatMap(t -> t.capability(TaskLogs.class)).orElse(null);
    }

    public Subscription logs(ManagedContainer replica, LogOptions options, Consumer<LogLine> sink) {
        return tasks == null ? engine.containers().logs(replica.id(), options, sink)
                : tasks.taskLogs(TaskView.taskId(replica), options, sink);
    }
}
