package io.capstan.core.workload;

import io.capstan.core.engine.Subscription;

import java.util.function.Consumer;

/**
 * A target that says when the tasks of its workloads change (Kubernetes: a watch on their pods), so that whoever
 * follows them reads them again then rather than every so often.
 */
public interface WorkloadWatch {

    /**
     * Calls {@code changed} after a task of one of the workloads this target made was added, changed or removed.
     * When the watch ends by itself (the API server closed it), {@code ended} gets the reason: changes after that are
     * only seen by a new watch, and those before it by reading the workloads again.
     */
    Subscription watchTasks(Runnable changed, Consumer<String> ended);
}
