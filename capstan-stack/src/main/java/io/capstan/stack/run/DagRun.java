package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.ComposeProject.Condition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Carries out an {@code up}'s plan as a DAG of virtual threads: each service starts as soon as what it depends on is
 * there (started, healthy or completed, as {@code depends_on} says), its replicas in parallel. A service that fails
 * fails its dependents, which are not started; unrelated services go on.
 */
final class DagRun {
    private final ContainerEngine engine;
    private final ComposeProject project;
    private final StackProgress progress;
    private final ServiceHooks hooks;
    private final ReadinessWaits readiness;

    DagRun(ContainerEngine engine, ComposeProject project, StackProgress progress, ServiceHooks hooks,
           ReadinessWaits readiness) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
        this.hooks = hooks;
        this.readiness = readiness;
    }

    /** Runs the plan for the {@code chosen} services; returns the failures by service (none when all went well). */
    Map<String, Throwable> run(StackPlan plan, Set<String> chosen, Duration timeout, CreatedByUp created) {
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        Map<String, CompletableFuture<Void>> done = new LinkedHashMap<>();
        project.services().keySet().forEach(s -> done.put(s, new CompletableFuture<>()));
        try (StartWatch watch = new StartWatch(engine, project.name())) {
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (ComposeProject.Service service : project.services().values()) {
                    if (!chosen.contains(service.name())) {
                        continue;
                    }
                    executor.submit(() -> {
                        try {
                            awaitDependencies(service, done, timeout);
                            apply(service, plan.actionsFor(service.name()), created, watch);
                            done.get(service.name()).complete(null);
                        } catch (Throwable t) {
                            Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                            failures.putIfAbsent(service.name(), cause);
                            progress.update(service.name(), "failed", FailureText.of(cause));
                            done.get(service.name()).completeExceptionally(cause);
                        }
                    });
                }
            }
            if (failures.isEmpty()) {
                failures.putAll(new ExitedAtOnce(engine, project, progress).failures(watch));
            }
        }
        return failures;
    }

    private void awaitDependencies(ComposeProject.Service service, Map<String, CompletableFuture<Void>> done, Duration timeout) {
        for (Map.Entry<String, Condition> dependency : service.dependsOn().entrySet()) {
            String name = dependency.getKey();
            try {
                done.get(name).join();
            } catch (CompletionException e) {
                throw new DependencyFailed("it depends on '" + name + "', which failed");
            }
            if (dependency.getValue() != Condition.SERVICE_STARTED) {
                progress.update(service.name(), "waiting", "for " + name + " to be "
                        + (dependency.getValue() == Condition.SERVICE_HEALTHY ? "healthy" : "completed"));
                readiness.await(name, dependency.getValue(), timeout);
            }
        }
    }

    private void apply(ComposeProject.Service service, List<StackPlan.Action> actions, CreatedByUp created, StartWatch watch) {
        if (actions.stream().allMatch(a -> a instanceof StackPlan.Keep)) {
            progress.update(service.name(), "running", "unchanged");
            return;
        }
        List<CompletableFuture<Void>> replicas = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (StackPlan.Action action : actions) {
                replicas.add(CompletableFuture.runAsync(() -> apply(service, action, created, watch), executor));
            }
            CompletableFuture.allOf(replicas.toArray(CompletableFuture[]::new)).join();
        }
        progress.update(service.name(), "running", "");
    }

    private void apply(ComposeProject.Service service, StackPlan.Action action, CreatedByUp created, StartWatch watch) {
        switch (action) {
            case StackPlan.Keep keep -> { }
            case StackPlan.Start start -> {
                progress.update(service.name(), "starting", start.name());
                engine.containers().start(start.containerId());
                watch.started(start.containerId(), service.name());
                hooks.postStart(service.name(), start.containerId());
            }
            case StackPlan.Remove remove -> {
                progress.update(service.name(), "removing", remove.name());
                engine.containers().remove(remove.containerId(), true, false);
            }
            case StackPlan.Create create -> createAndStart(service, create.spec(), created, watch);
            case StackPlan.Recreate recreate -> {
                progress.update(service.name(), "recreating", String.join(", ", recreate.changed()) + " changed");
                hooks.preStop(service.name(), recreate.containerId());
                engine.containers().stop(recreate.containerId(), GracePeriod.of(project, service.name(), null));
                engine.containers().remove(recreate.containerId(), true, false);
                createAndStart(service, recreate.spec(), created, watch);
            }
        }
    }

    private void createAndStart(ComposeProject.Service service, ContainerSpec spec, CreatedByUp created, StartWatch watch) {
        progress.update(service.name(), "creating", spec.name());
        String id = engine.containers().create(spec);
        created.container(id);
        progress.update(service.name(), "starting", spec.name());
        engine.containers().start(id);
        watch.started(id, service.name());
        hooks.postStart(service.name(), id);
    }
}
