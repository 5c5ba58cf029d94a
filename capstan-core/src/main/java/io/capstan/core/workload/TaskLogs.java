package io.capstan.core.workload;

import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.LogLine;

import java.util.function.Consumer;

/**
 * The output of one task of a workload, wherever the target runs it: a task on another node is out of reach of
 * this machine's engine, not of the target (a {@link WorkloadTarget} capability).
 */
public interface TaskLogs {
    /** Streams the output of the task {@code taskId} ({@link WorkloadTask#id()}); a missing one is a NotFoundException. */
    Subscription taskLogs(String taskId, LogOptions options, Consumer<LogLine> sink);
}
