package io.capstan.core.workload;

import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.LogLine;

import java.util.function.Consumer;

/** A target that gives the output of one task of a workload (Kubernetes: one pod's log). */
public interface TaskLogs {

    /** The output of task {@code task} of workload {@code workload}; a task it does not have is a not-found. */
    Subscription taskLogs(String workload, String task, LogOptions options, Consumer<LogLine> sink);
}
