package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.stack.compose.ComposeProject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code stop}, {@code start} and {@code restart} of a stack's services, as Compose does them: on the containers that
 * exist (none is created or removed), all of the stack's or those of the named services.
 */
public final class ServiceLifecycle {
    private final ContainerEngine engine;
    private final ComposeProject project;
    private final StackProgress progress;
    private final DependencyGraph graph;
    private final StackContainers containers;
    private final ServiceHooks hooks;

    public ServiceLifecycle(ContainerEngine engine, ComposeProject project, StackProgress progress) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
        this.graph = new DependencyGraph(project);
        this.containers = new StackContainers(engine, project);
        this.hooks = new ServiceHooks(engine, project, progress);
    }

    /**
     * Stops the services' running containers, each service after those depending on it.
     *
     * @param timeout the grace period of every container, or null for each service's {@code stop_grace_period}
     */
    public void stop(List<String> services, Duration timeout) {
        Map<String, List<ContainerSummary>> byService = containers.byService(ServiceSelection.of(project, services));
        new DependencyOrder(progress, false).run(byService.keySet(), graph::dependentsOf, service -> {
            progress.update(service, "stopping", "");
            for (ContainerSummary c : byService.get(service)) {
                if (c.status() == ContainerStatus.RUNNING || c.status() == ContainerStatus.RESTARTING) {
                    Duration grace = GracePeriod.of(project, service, timeout);
                    if (!grace.isZero()) {
                        hooks.preStop(service, c.id());
                    }
                    ignoringGone(() -> engine.containers().stop(c.id(), grace));
                }
            }
            progress.update(service, "stopped", "");
        });
    }

    /** Starts the services' stopped containers, each service after those it depends on. */
    public void start(List<String> services) {
        Set<String> chosen = ServiceSelection.of(project, services);
        Map<String, List<ContainerSummary>> byService = containers.byService(chosen);
        List<String> none = chosen.stream().filter(s -> !byService.containsKey(s)).toList();
        if (!none.isEmpty() && !services.isEmpty()) {
            throw new NotFoundException("service", none.getFirst(), "service '" + none.getFirst() + "' of stack '"
                    + project.name() + "' has no containers to start: 'up' creates them", null);
        }
        new DependencyOrder(progress, true).run(byService.keySet(), graph::dependenciesOf, service -> {
            progress.update(service, "starting", "");
            for (ContainerSummary c : byService.get(service)) {
                if (c.status() != ContainerStatus.RUNNING) {
                    engine.containers().start(c.id());
                    hooks.postStart(service, c.id());
                }
            }
            progress.update(service, "running", "");
        });
    }

    /** Restarts the services' containers (stopped ones are started), all at once as Compose does. */
    public void restart(List<String> services, Duration timeout) {
        Map<String, List<ContainerSummary>> byService = containers.byService(ServiceSelection.of(project, services));
        new DependencyOrder(progress, false).run(byService.keySet(), s -> Set.of(), service -> {
            progress.update(service, "restarting", "");
            for (ContainerSummary c : byService.get(service)) {
                Duration grace = GracePeriod.of(project, service, timeout);
                if (!grace.isZero()) {
                    hooks.preStop(service, c.id());
                }
                engine.containers().restart(c.id(), grace);
                hooks.postStart(service, c.id());
            }
            progress.update(service, "running", "");
        });
    }

    private static void ignoringGone(Runnable action) {
        try {
            action.run();
        } catch (NotFoundException gone) {
            // removed meanwhile: it is not running, which is what was wanted
        }
    }
}
