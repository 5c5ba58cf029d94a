package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.model.LogLine;
import io.capstan.stack.compose.ComposeProject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** The output of a stack's containers, each line with its service and replica, as {@code docker compose logs}. */
public final class ServiceLogs {
    private final ContainerEngine engine;
    private final ComposeProject project;

    public ServiceLogs(ContainerEngine engine, ComposeProject project) {
        this.engine = engine;
        this.project = project;
    }

    /**
     * Streams the logs of the containers of {@code services} (all of the stack's when none are named) to {@code sink},
     * each line with the prefix {@code service-replica}; with {@code options.follow()} until the handles are closed.
     */
    public List<Subscription> stream(List<String> services, LogOptions options, BiConsumer<String, LogLine> sink) {
        List<Subscription> streams = new ArrayList<>();
        for (ContainerSummary c : new StackContainers(engine, project).of(ServiceSelection.of(project, services))) {
            String prefix = StackContainers.service(c) + "-" + c.labels().getOrDefault(Labels.REPLICA, "1");
            streams.add(engine.containers().logs(c.id(), options, line -> sink.accept(prefix, line)));
        }
        return streams;
    }
}
