package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.EngineException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.readiness.ContainerState;
import io.capstan.core.readiness.Readiness;
import io.capstan.core.readiness.ReadyWhen;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.ComposeProject.Condition;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Waits until every container of a service meets a {@code depends_on} condition ({@link ReadyWhen}), polling the
 * engine; a container that can no longer get there fails the wait at once, with what happened to it.
 */
final class ReadinessWaits {
    private static final Duration POLL = Duration.ofMillis(200);

    private final ContainerEngine engine;
    private final ComposeProject project;
    private final StackProgress progress;

    ReadinessWaits(ContainerEngine engine, ComposeProject project, StackProgress progress) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
    }

    /** Waits for {@code service} to be {@code healthy} or {@code completed}; throws {@link DependencyFailed} if it will not. */
    void await(String service, Condition condition, Duration timeout) {
        ReadyWhen readyWhen = condition == Condition.SERVICE_HEALTHY ? ReadyWhen.HEALTHY : ReadyWhen.COMPLETED_SUCCESSFULLY;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ContainerInfo> containers = containersOf(service).stream()
                    .map(c -> engine.containers().inspect(c.id())).toList();
            if (containers.isEmpty()) {
                throw new DependencyFailed("'" + service + "' has no containers to wait for");
            }
            boolean satisfied = true;
            for (ContainerInfo c : containers) {
                Readiness readiness = readyWhen.check(ContainerState.of(c));
                if (readiness.isFailure()) {
                    throw new DependencyFailed(why(service, readiness, c.exitCode()));
                }
                satisfied &= readiness == Readiness.READY;
            }
            if (satisfied) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new DependencyFailed("gave up waiting for '" + service + "' after " + timeout.toSeconds() + " s");
            }
            sleep(POLL);
        }
    }

    private static String why(String service, Readiness readiness, int exitCode) {
        return switch (readiness) {
            case NO_HEALTHCHECK -> "it waits for '" + service + "' to be healthy, but '" + service + "' has no healthcheck";
            case UNHEALTHY -> "'" + service + "' is unhealthy";
            case STOPPED -> "'" + service + "' exited with code " + exitCode + " before it was healthy";
            default -> "'" + service + "' did not complete successfully (exit code " + exitCode + ")";
        };
    }

    /**
     * {@code up --wait}: waits for every chosen service with a healthcheck of its own to be healthy, one after another;
     * those that are not go into {@code failures}.
     */
    void awaitHealthy(Duration timeout, Map<String, Throwable> failures, Set<String> chosen) {
        for (ComposeProject.Service service : project.services().values()) {
            if (!chosen.contains(service.name()) || service.healthCheck() == null
                    || service.healthCheck().test().equals(List.of("NONE")) || service.healthCheck().keepsImageTest()) {
                continue;
            }
            progress.update(service.name(), "waiting healthy", "");
            try {
                await(service.name(), Condition.SERVICE_HEALTHY, timeout);
                progress.update(service.name(), "healthy", "");
            } catch (DependencyFailed e) {
                failures.put(service.name(), e);
                progress.update(service.name(), "failed", e.getMessage());
            }
        }
    }

    private List<ContainerSummary> containersOf(String service) {
        Map<String, String> labels = new LinkedHashMap<>(StackLabels.filter(project.name()));
        labels.put(Labels.SERVICE, service);
        return engine.containers().list(ContainerFilter.allWithLabels(labels));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }
}
