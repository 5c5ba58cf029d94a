package io.capstan.stack.run;

import io.capstan.core.spec.ContainerSpec;

import java.util.List;

/**
 * What {@code up} would do, computed without touching anything.
 *
 * @param actions          per service, per replica
 * @param networksToCreate engine names of networks that do not exist yet
 * @param volumesToCreate  engine names of volumes that do not exist yet
 * @param orphans          containers labelled as this stack's whose service is no longer in it
 */
public record StackPlan(List<Action> actions, List<String> networksToCreate, List<String> volumesToCreate,
                        List<Orphan> orphans) {

    public sealed interface Action permits Create, Recreate, Start, Keep, Remove {
        String service();
    }

    public record Create(String service, int replica, ContainerSpec spec) implements Action {
    }

    /** The container's configuration changed: {@code changed} names the parts, such as {@code environment}. */
    public record Recreate(String service, int replica, ContainerSpec spec, String containerId, List<String> changed)
            implements Action {
    }

    /** Unchanged but not running. */
    public record Start(String service, int replica, String containerId, String name) implements Action {
    }

    public record Keep(String service, int replica, String containerId, String name) implements Action {
    }

    /** A replica beyond {@code deploy.replicas}. */
    public record Remove(String service, String containerId, String name) implements Action {
    }

    public record Orphan(String service, String containerId, String name) {
    }

    public boolean changesNothing() {
        return networksToCreate.isEmpty() && volumesToCreate.isEmpty()
                && actions.stream().allMatch(a -> a instanceof Keep);
    }

    public List<Action> actionsFor(String service) {
        return actions.stream().filter(a -> a.service().equals(service)).toList();
    }
}
