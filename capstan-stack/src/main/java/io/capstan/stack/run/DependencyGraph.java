package io.capstan.stack.run;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.compose.ComposeProject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The services' {@code depends_on} graph: checked for cycles, readable in both directions. */
public final class DependencyGraph {
    private final Map<String, Set<String>> dependencies = new LinkedHashMap<>();
    private final Map<String, Set<String>> dependents = new LinkedHashMap<>();

    public DependencyGraph(ComposeProject project) {
        project.services().values().forEach(s -> {
            dependencies.put(s.name(), new LinkedHashSet<>(s.dependsOn().keySet()));
            dependents.putIfAbsent(s.name(), new LinkedHashSet<>());
        });
        dependencies.forEach((service, deps) -> deps.forEach(d -> dependents.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(service)));
        checkForCycles(project);
    }

    public Set<String> dependenciesOf(String service) {
        return dependencies.getOrDefault(service, Set.of());
    }

    public Set<String> dependentsOf(String service) {
        return dependents.getOrDefault(service, Set.of());
    }

    private void checkForCycles(ComposeProject project) {
        Map<String, Integer> state = new LinkedHashMap<>(); // 1: on the current path, 2: done
        for (String service : dependencies.keySet()) {
            List<String> cycle = visit(service, state, new ArrayList<>());
            if (cycle != null) {
                throw new ConfigException(project.services().get(cycle.getFirst()).location()
                        + ": dependency cycle: " + String.join(" -> ", cycle));
            }
        }
    }

    private List<String> visit(String service, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(service);
        if (seen != null && seen == 2) {
            return null;
        }
        path.add(service);
        if (seen != null) {
            return new ArrayList<>(path.subList(path.indexOf(service), path.size()));
        }
        state.put(service, 1);
        for (String dependency : dependenciesOf(service)) {
            List<String> cycle = visit(dependency, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        state.put(service, 2);
        path.removeLast();
        return null;
    }
}
