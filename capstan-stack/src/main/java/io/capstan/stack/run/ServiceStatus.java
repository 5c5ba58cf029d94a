package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.Health;
import io.capstan.stack.compose.ComposeProject;

import java.util.List;
import java.util.stream.Collectors;

/** {@code ps}: one row per container of a stack's services. */
public final class ServiceStatus {
    private final ContainerEngine engine;
    private final ComposeProject project;

    public ServiceStatus(ContainerEngine engine, ComposeProject project) {
        this.engine = engine;
        this.project = project;
    }

    /**
     * @param all      stopped containers too (without it, only running ones: Compose's {@code ps})
     * @param services only these services' containers (none named: every service's)
     */
    public List<StackRunner.Row> rows(boolean all, List<String> services) {
        return new StackContainers(engine, project).of(ServiceSelection.of(project, services)).stream()
                .filter(c -> all || c.status() == ContainerStatus.RUNNING)
                .map(c -> new StackRunner.Row(StackContainers.service(c), c.name(), c.status().word(),
                        c.health() == Health.NONE ? "" : c.health().word(),
                        c.ports().stream().map(Object::toString).collect(Collectors.joining(", "))))
                .toList();
    }
}
