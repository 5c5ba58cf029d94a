package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.EngineException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;
import io.capstan.stack.compose.ComposeProject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@code down} (stop and remove, dependents first) and {@code stop} (all at once, nothing removed) of a stack. */
final class StackDown {
    private final ContainerEngine engine;
    private final ComposeProject project;
    private final StackProgress progress;
    private final DependencyGraph graph;
    private final ServiceHooks hooks;
    private final Supplier<List<ContainerSummary>> stackContainers;

    StackDown(ContainerEngine engine, ComposeProject project, StackProgress progress, DependencyGraph graph,
              ServiceHooks hooks, Supplier<List<ContainerSummary>> stackContainers) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
        this.graph = graph;
        this.hooks = hooks;
        this.stackContainers = stackContainers;
    }

    /** See {@link StackRunner#down}. */
    void down(Duration timeout, boolean volumes) {
        Map<String, List<ContainerSummary>> byService = stackContainers.get().stream()
                .collect(Collectors.groupingBy(c -> c.labels().getOrDefault(Labels.SERVICE, ""), LinkedHashMap::new, Collectors.toList()));
        Map<String, CompletableFuture<Void>> stopped = new ConcurrentHashMap<>();
        byService.keySet().forEach(s -> stopped.put(s, new CompletableFuture<>()));
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        boolean killAtOnce = timeout != null && timeout.isZero();
        ContainerRemoval removal = new ContainerRemoval(engine, volumes);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var entry : byService.entrySet()) {
                executor.submit(() -> {
                    try {
                        for (String dependent : killAtOnce ? Set.<String>of() : graph.dependentsOf(entry.getKey())) {
                            CompletableFuture<Void> f = stopped.get(dependent);
                            if (f != null) {
                                f.exceptionally(t -> null).join();
                            }
                        }
                        progress.update(entry.getKey(), "stopping", "");
                        if (!killAtOnce) {
                            entry.getValue().forEach(c -> hooks.preStop(entry.getKey(), c.id()));
                        }
                        removal.remove(entry.getValue().stream().map(ContainerSummary::id).toList(),
                                GracePeriod.of(project, entry.getKey(), timeout));
                        progress.update(entry.getKey(), "removed", "");
                        stopped.get(entry.getKey()).complete(null);
                    } catch (Throwable t) {
                        errors.add(t);
                        progress.update(entry.getKey(), "failed", FailureText.of(t));
                        stopped.get(entry.getKey()).completeExceptionally(t);
                    }
                });
            }
        }
        if (!errors.isEmpty()) {
            throw errors.getFirst() instanceof CapstanException c ? c
                    : new EngineException("down failed: " + FailureText.of(errors.getFirst()), errors.getFirst());
        }
        new ProjectResources(engine).remove(project.name(), volumes);
    }

    /** See {@link StackRunner#stop}. */
    void stop(Duration timeout) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ContainerSummary c : stackContainers.get()) {
                String service = c.labels().getOrDefault(Labels.SERVICE, "");
                Duration grace = GracePeriod.of(project, service, timeout);
                executor.submit(() -> NotFoundIgnored.run(() -> {
                    if (!grace.isZero()) {
                        hooks.preStop(service, c.id());
                    }
                    engine.containers().stop(c.id(), grace);
                }));
            }
        }
    }
}
